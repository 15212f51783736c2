package io.eliot.aspects;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.aspects.contract.Shop;
import io.eliot.aspects.contract.WeaverOnlyContract;
import org.junit.jupiter.api.Test;

/** The contract on classes woven by ajc when this module's tests were compiled. */
class CompileTimeWeavingTest extends WeaverOnlyContract {

    @Test
    void theContractClassesReallyAreWovenAtCompileTime() {
        assertThat(Shop.class.getDeclaredFields())
                .as("ajc leaves ajc$ fields in woven classes")
                .anySatisfy(f -> assertThat(f.getName()).startsWith("ajc$"));
    }
}
