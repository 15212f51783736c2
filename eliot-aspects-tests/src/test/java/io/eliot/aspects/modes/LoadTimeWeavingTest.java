package io.eliot.aspects.modes;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.aspects.contract.Shop;
import io.eliot.aspects.contract.WeaverOnlyContract;
import io.eliot.aspects.ctw.WovenGreeter;
import org.junit.jupiter.api.Test;

/**
 * The contract on classes compiled by javac and woven when loaded, by {@code
 * -javaagent:aspectjweaver.jar} and eliot-aspects' {@code META-INF/aop.xml} (this test runs in its
 * own surefire execution with the agent).
 */
class LoadTimeWeavingTest extends WeaverOnlyContract {

    @Test
    void theAgentIsRunningAndWeavesTheContractClassesAsTheyLoad() {
        assertThat(System.getProperty("java.class.path")).doesNotContain("ajc-woven-marker");
        assertThat(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments())
                .anySatisfy(arg -> assertThat(arg).startsWith("-javaagent:").contains("aspectjweaver"));
        assertThat(Shop.class.getDeclaredFields())
                .as("the weaver adds ajc$ fields to the classes it weaves")
                .anySatisfy(f -> assertThat(f.getName()).startsWith("ajc$"));
    }

    @Test
    void aClassWovenAtCompileTimeIsLoggedOnceUnderTheLoadTimeWeaver() {
        assertThat(new WovenGreeter().greet("ada")).isEqualTo("hello ada");

        assertThat(log.lines())
                .containsExactly(
                        "[1] greeter:greet/started {name=ada}", "[2] greeter:greet/succeeded {result=hello ada}");
    }
}
