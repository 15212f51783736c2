package io.eliot.spring;

import io.eliot.spring.internal.ActionThreadLocalAccessor;
import io.micrometer.context.ContextRegistry;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Registers the current Eliot action with Micrometer's context-propagation library, so Reactor and
 * Spring's {@code ContextPropagatingTaskDecorator} carry it across threads.
 */
@AutoConfiguration
@ConditionalOnClass(name = "io.micrometer.context.ContextRegistry")
@ConditionalOnBooleanProperty(name = "eliot.enabled", matchIfMissing = true)
public class EliotContextPropagationAutoConfiguration {

    /** Registers the accessor in the global {@code ContextRegistry}; removes it when the context closes. */
    @Bean
    @ConditionalOnMissingBean
    public EliotContextPropagation eliotContextPropagation() {
        return new EliotContextPropagation();
    }

    /** The registration of Eliot's accessor in Micrometer's {@code ContextRegistry}. */
    public static class EliotContextPropagation implements DisposableBean {

        /** Registers the accessor. */
        public EliotContextPropagation() {
            ContextRegistry.getInstance().registerThreadLocalAccessor(new ActionThreadLocalAccessor());
        }

        @Override
        public void destroy() {
            ContextRegistry.getInstance().removeThreadLocalAccessor(ActionThreadLocalAccessor.KEY);
        }
    }
}
