package io.eliot.aspects.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What only real weaving (compile time or load time) can do, beyond {@link WeavingContract}: static
 * and private methods, calls an object makes to itself, such as recursion.
 */
public abstract class WeaverOnlyContract extends WeavingContract {

    @Test
    void staticMethodsAreLogged() {
        assertThat(Shop.total(1, 2)).isEqualTo(3);

        assertThat(log.lines())
                .containsExactly("[1] shop:total/started {a=1, b=2}", "[2] shop:total/succeeded {result=3}");
    }

    @Test
    void privateMethodsAreLogged() {
        assertThat(shop().discounted(100)).isEqualTo(90);

        assertThat(log.lines())
                .containsExactly("[1] shop:discount/started {price=100}", "[2] shop:discount/succeeded {result=90}");
    }

    @Test
    void aRecursiveMethodNestsOneActionPerCall() {
        assertThat(shop().factorial(3)).isEqualTo(6);

        assertThat(log.lines())
                .containsExactly(
                        "[1] shop:factorial/started {n=3}",
                        "[2, 1] shop:factorial/started {n=2}",
                        "[2, 2, 1] shop:factorial/started {n=1}",
                        "[2, 2, 2] shop:factorial/succeeded {result=1}",
                        "[2, 3] shop:factorial/succeeded {result=2}",
                        "[3] shop:factorial/succeeded {result=6}");
    }
}
