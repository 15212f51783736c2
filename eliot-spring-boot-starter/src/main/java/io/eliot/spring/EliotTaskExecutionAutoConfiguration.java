package io.eliot.spring;

import io.eliot.core.Eliot;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.task.TaskDecorator;

/**
 * A {@link TaskDecorator} that runs each task in the context of the action that submitted it, so
 * {@code @Async} methods and Spring Boot's task executor belong to the caller's task (as an {@code
 * eliot:remote_task}, one also for work the caller wrapped already). Backs off when the application
 * has its own TaskDecorator: compose {@code Eliot::preserveForExecutor} into it then.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration")
@ConditionalOnClass({Eliot.class, TaskDecorator.class})
@ConditionalOnBooleanProperty(name = "eliot.enabled", matchIfMissing = true)
public class EliotTaskExecutionAutoConfiguration {

    /** Decorates each task with {@link Eliot#preserveForExecutor(Runnable)}. */
    @Bean
    @ConditionalOnMissingBean
    public TaskDecorator eliotTaskDecorator() {
        return Eliot::preserveForExecutor;
    }
}
