package io.eliot.spring;

import io.eliot.aspects.EliotAspect;
import io.eliot.spring.internal.LoadTimeWeaving;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.EnableAspectJAutoProxy;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Applies {@code @LoggedAction} and {@code @LogMessage} to beans through Spring AOP, unless the
 * AspectJ load-time weaver already runs (then classes are woven as they load) or {@code
 * eliot.aspect.enabled} is false. Classes woven at compile time are never proxied again, so nothing
 * is logged twice.
 */
@AutoConfiguration(after = EliotAutoConfiguration.class)
@ConditionalOnClass(name = {"io.eliot.aspects.EliotAspect", "org.aspectj.weaver.Advice"})
@ConditionalOnBooleanProperty(name = "eliot.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "eliot.aspect.enabled", matchIfMissing = true)
@Conditional(EliotAspectAutoConfiguration.NoLoadTimeWeaving.class)
@EnableAspectJAutoProxy
public class EliotAspectAutoConfiguration {

    /** The aspect, as a Spring AOP aspect bean. */
    @Bean
    @ConditionalOnMissingBean
    public EliotAspect eliotAspect() {
        return new EliotAspect();
    }

    /** Matches when the AspectJ load-time weaver is not running. */
    static class NoLoadTimeWeaving implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !LoadTimeWeaving.isActive();
        }
    }
}
