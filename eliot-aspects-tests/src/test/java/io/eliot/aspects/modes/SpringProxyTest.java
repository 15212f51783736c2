package io.eliot.aspects.modes;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.annotations.LoggedAction;
import io.eliot.annotations.NotLogged;
import io.eliot.aspects.EliotAspect;
import io.eliot.aspects.contract.Checkout;
import io.eliot.aspects.contract.Inventory;
import io.eliot.aspects.contract.Shop;
import io.eliot.aspects.contract.WeavingContract;
import io.eliot.aspects.ctw.WovenGreeter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.aop.aspectj.annotation.AspectJProxyFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.EnableAspectJAutoProxy;

/** The contract on Spring beans advised by Spring AOP proxies (classes compiled by plain javac). */
class SpringProxyTest extends WeavingContract {

    /** A bean used through an interface: the JDK proxy names the interface method. */
    public interface Greeting {
        String greet(String name, String token);
    }

    /** The implementation, whose parameter annotations must still count. */
    public static class SecretGreeter implements Greeting {
        @Override
        @LoggedAction("greeting:greet")
        public String greet(String name, @NotLogged String token) {
            return "hi " + name;
        }
    }

    @Configuration
    @EnableAspectJAutoProxy
    static class Beans {
        @Bean
        EliotAspect eliotAspect() {
            return new EliotAspect();
        }

        @Bean
        Shop shop() {
            return new Shop();
        }

        @Bean
        Checkout checkout(Shop shop) {
            return new Checkout(shop);
        }

        @Bean
        Inventory inventory() {
            return new Inventory();
        }

        @Bean
        Greeting greeting() {
            return new SecretGreeter();
        }

        @Bean
        WovenGreeter wovenGreeter() {
            return new WovenGreeter();
        }
    }

    private static AnnotationConfigApplicationContext context;

    @BeforeAll
    static void startSpring() {
        context = new AnnotationConfigApplicationContext(Beans.class);
    }

    @AfterAll
    static void stopSpring() {
        context.close();
    }

    @Override
    protected Shop shop() {
        return context.getBean(Shop.class);
    }

    @Override
    protected Checkout checkout() {
        return context.getBean(Checkout.class);
    }

    @Override
    protected Inventory inventory() {
        return context.getBean(Inventory.class);
    }

    @Test
    void theContractBeansAreProxiesOfUnwovenClasses() {
        assertThat(AopUtils.isAopProxy(shop())).isTrue();
        assertThat(Shop.class.getDeclaredFields())
                .noneSatisfy(f -> assertThat(f.getName()).startsWith("ajc$"));
    }

    @Test
    void callsAnObjectMakesToItselfAreNotSeenByAProxy() {
        assertThat(shop().factorial(3)).isEqualTo(6);
        assertThat(shop().discounted(100)).isEqualTo(90);

        assertThat(log.lines())
                .as("only the outer call goes through the proxy; private methods are never proxied")
                .containsExactly("[1] shop:factorial/started {n=3}", "[2] shop:factorial/succeeded {result=6}");
    }

    @Test
    void throughAJdkInterfaceProxyTheImplementationsParameterAnnotationsCount() {
        Greeting greeting = context.getBean(Greeting.class);

        assertThat(greeting.greet("ada", "s3cret")).isEqualTo("hi ada");

        assertThat(AopUtils.isJdkDynamicProxy(greeting)).isTrue();
        assertThat(log.lines())
                .containsExactly(
                        "[1] greeting:greet/started {name=ada}", "[2] greeting:greet/succeeded {result=hi ada}");
    }

    @Test
    void aBeanWovenAtCompileTimeIsNotProxiedAndIsLoggedOnce() {
        WovenGreeter greeter = context.getBean(WovenGreeter.class);

        assertThat(greeter.greet("ada")).isEqualTo("hello ada");

        assertThat(AopUtils.isAopProxy(greeter)).isFalse();
        assertThat(log.lines())
                .containsExactly(
                        "[1] greeter:greet/started {name=ada}", "[2] greeter:greet/succeeded {result=hello ada}");
    }

    @Test
    void theAspectAppliedTwiceToOneObjectLogsEachCallOnce() {
        AspectJProxyFactory factory = new AspectJProxyFactory(new Shop());
        factory.setProxyTargetClass(true);
        factory.addAspect(new EliotAspect());
        factory.addAspect(new EliotAspect());
        Shop twiceAdvised = factory.getProxy();

        assertThat(twiceAdvised.price("A-1", 2)).isEqualTo(500);

        assertThat(factory.getAdvisors()).as("two aspects' advisors").hasSizeGreaterThanOrEqualTo(2);
        assertThat(log.lines())
                .containsExactly(
                        "[1] shop:price/started {sku=A-1, quantity=2}", "[2] shop:price/succeeded {result=500}");
    }

    @Test
    void aProxyForcedAroundAWovenObjectStillLogsEachCallOnce() {
        AspectJProxyFactory factory = new AspectJProxyFactory(new WovenGreeter());
        factory.setProxyTargetClass(true);
        factory.addAspect(new EliotAspect());
        WovenGreeter proxy = factory.getProxy();

        assertThat(proxy.greet("ada")).isEqualTo("hello ada");

        assertThat(AopUtils.isAopProxy(proxy)).isTrue();
        assertThat(log.lines())
                .containsExactly(
                        "[1] greeter:greet/started {name=ada}", "[2] greeter:greet/succeeded {result=hello ada}");
    }

    @Test
    void aReactiveMethodAdvisedTwiceLogsOneActionPerSubscription() {
        AspectJProxyFactory twice = new AspectJProxyFactory(new Shop());
        twice.setProxyTargetClass(true);
        twice.addAspect(new EliotAspect());
        twice.addAspect(new EliotAspect());
        Shop twiceAdvised = twice.getProxy();
        AspectJProxyFactory aroundWoven = new AspectJProxyFactory(new WovenGreeter());
        aroundWoven.setProxyTargetClass(true);
        aroundWoven.addAspect(new EliotAspect());
        WovenGreeter proxy = aroundWoven.getProxy();

        assertThat(twiceAdvised.reserve("A-1").block()).isEqualTo("reserved A-1");
        assertThat(proxy.greetLater("ada").block()).isEqualTo("hello ada");

        assertThat(log.lines())
                .containsExactly(
                        "[1] shop:reserve/started {sku=A-1}",
                        "[2] shop:reserve/succeeded {result=reserved A-1}",
                        "--",
                        "[1] greeter:greet_later/started {name=ada}",
                        "[2] greeter:greet_later/succeeded {result=hello ada}");
    }
}
