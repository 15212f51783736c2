package io.eliot.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.annotations.LoggedAction;
import io.eliot.aspects.EliotAspect;
import io.eliot.core.destination.MemoryDestination;
import io.eliot.core.record.MessageRecord;
import io.eliot.spring.internal.WeavingCheck;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The annotations on Spring beans, and the startup check that says when they will log nothing. */
class EliotAspectAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EliotAutoConfiguration.class, EliotAspectAutoConfiguration.class))
            .withBean(MemoryDestination.class);

    /** A well-behaved annotated bean. */
    public static class Pricing {
        @LoggedAction("pricing:quote")
        public int quote(String sku) {
            return sku.length();
        }
    }

    /** Annotations a Spring proxy cannot honour. */
    public static class Troubled {
        @LoggedAction("troubled:outer")
        public int outer() {
            return inner() + helper();
        }

        @LoggedAction("troubled:inner")
        public int inner() {
            return 1;
        }

        @LoggedAction("troubled:helper")
        private int helper() {
            return 2;
        }

        @LoggedAction("troubled:constant")
        public static int constant() {
            return 3;
        }

        @LoggedAction("troubled:sealed")
        public final int sealed() {
            return 4;
        }
    }

    private static List<String> types(MemoryDestination memory) {
        return memory.messages().stream().map(MessageRecord::type).toList();
    }

    @Test
    void annotatedBeansAreProxiedAndLogged() {
        runner.withBean(Pricing.class).run(context -> {
            Pricing pricing = context.getBean(Pricing.class);
            assertThat(AopUtils.isAopProxy(pricing)).isTrue();

            pricing.quote("A-1");

            assertThat(types(context.getBean(MemoryDestination.class)))
                    .containsExactly("pricing:quote", "pricing:quote");
            assertThat(context.getBean(WeavingCheck.class).problems()).isEmpty();
        });
    }

    @Test
    void theAspectBacksOffForTheApplicationsOwn() {
        EliotAspect mine = new EliotAspect();
        runner.withBean(EliotAspect.class, () -> mine)
                .run(context -> assertThat(context).getBean(EliotAspect.class).isSameAs(mine));
    }

    @Test
    void withoutAspectJNoAspectIsRegistered() {
        runner.withClassLoader(new FilteredClassLoader("org.aspectj.weaver"))
                .run(context -> assertThat(context).doesNotHaveBean(EliotAspect.class));
    }

    @Test
    void whenTheAspectIsSwitchedOffTheCheckSaysTheAnnotationsLogNothing() {
        runner.withBean(Pricing.class)
                .withPropertyValues("eliot.aspect.enabled=false")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(EliotAspect.class);
                    assertThat(AopUtils.isAopProxy(context.getBean(Pricing.class)))
                            .isFalse();
                    assertThat(context.getBean(WeavingCheck.class).problems())
                            .singleElement()
                            .asString()
                            .contains("bean 'eliotAspectAutoConfigurationTest.Pricing'")
                            .contains("the Spring AOP aspect is off");
                });
    }

    @Test
    void theCheckNamesPrivateStaticFinalAndSelfInvokedMethodsOnceAtStartup() {
        runner.withBean(Troubled.class).run(context -> {
            List<String> problems = context.getBean(WeavingCheck.class).problems();

            assertThat(problems)
                    .containsExactlyInAnyOrder(
                            "Troubled.helper is private: Spring AOP proxies cannot log it (weave at compile or load time)",
                            "Troubled.constant is static: Spring AOP proxies cannot log it (weave at compile or load time)",
                            "Troubled.sealed is final: Spring AOP proxies cannot log it",
                            "Troubled.outer calls inner on itself: that call does not go through the Spring proxy, so it"
                                    + " is not logged (weave at compile or load time, or call it through the bean)");
            MessageRecord report = context.getBean(MemoryDestination.class).messages().stream()
                    .filter(m -> "eliot:weaving_check".equals(m.messageType()))
                    .findFirst()
                    .orElseThrow();
            assertThat(report.fields().get("problems")).isEqualTo(problems);
        });
    }
}
