package io.eliot.benchmarks.compare;

import io.eliot.aspects.EliotAspect;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Path;
import org.springframework.aop.support.AopUtils;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.EnableAspectJAutoProxy;

/**
 * Eliot through Spring AOP: a minimal Spring context (no web) with {@link EliotAspect} as a bean
 * and {@code @EnableAspectJAutoProxy}, proxying a class that ajc did not weave, into the same file
 * setup as {@link EliotSetup}.
 */
final class SpringAopSetup extends EliotSetup {

    static final String UNWOVEN_CLASS = "io.eliot.benchmarks.compare.unwoven.SpringAopWork";

    private final AnnotationConfigApplicationContext context;

    private SpringAopSetup(Path dir, AnnotationConfigApplicationContext context) {
        super(dir, context.getBean(Work.class));
        this.context = context;
    }

    static SpringAopSetup start(Path dir) {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(Beans.class);
        Work work = context.getBean(Work.class);
        if (!AopUtils.isAopProxy(work)) {
            context.close();
            throw new IllegalStateException("Spring did not proxy " + work.getClass() + ": was it woven by ajc?");
        }
        return new SpringAopSetup(dir, context);
    }

    @Override
    protected void stop() throws Exception {
        try {
            super.stop();
        } finally {
            context.close();
        }
    }

    /** The context: the aspect and one bean of a class compiled without weaving. */
    @Configuration(proxyBeanMethods = false)
    @EnableAspectJAutoProxy(proxyTargetClass = true)
    static class Beans {
        @Bean
        EliotAspect eliotAspect() {
            return new EliotAspect();
        }

        @Bean
        Work work() throws ReflectiveOperationException {
            Class<?> type = Class.forName(UNWOVEN_CLASS);
            requireUnwoven(type);
            return (Work) type.getDeclaredConstructor().newInstance();
        }
    }

    /** Fails if ajc wove {@code type} (it would then be logged by the woven advice, not by Spring). */
    static void requireUnwoven(Class<?> type) {
        for (Field f : type.getDeclaredFields()) {
            if (f.getName().startsWith("ajc$")) {
                throw new IllegalStateException(type + " was woven by ajc; rebuild benchmarks from clean");
            }
        }
        for (Method m : type.getDeclaredMethods()) {
            if (m.getName().contains("ajc$")) {
                throw new IllegalStateException(type + " was woven by ajc; rebuild benchmarks from clean");
            }
        }
    }
}
