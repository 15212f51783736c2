package io.eliot.spring.logging;

import io.eliot.core.Eliot;
import io.eliot.core.slf4j.EliotMdc;
import io.eliot.spring.EliotAutoConfiguration;
import io.eliot.spring.EliotConfigurationException;
import java.util.ArrayDeque;
import java.util.Deque;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * When SLF4J is present, keeps the current Eliot action's task uuid and level in the MDC ({@link
 * EliotMdc}), so Boot's structured logging ({@code logging.structured.format.console=ecs}),
 * logstash-logback-encoder or log4j2's JSON layouts put them on every line. Off with {@code
 * eliot.mdc.enabled=false}; the keys are {@code eliot.mdc.task-uuid-key} and {@code
 * eliot.mdc.task-level-key}.
 */
@AutoConfiguration(after = EliotAutoConfiguration.class)
@ConditionalOnClass(value = Eliot.class, name = "org.slf4j.MDC")
@ConditionalOnBooleanProperty(name = "eliot.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "eliot.mdc.enabled", matchIfMissing = true)
@EnableConfigurationProperties(EliotMdcProperties.class)
public class EliotMdcAutoConfiguration {

    /** The bridge, installed while the application runs. */
    @Bean
    @ConditionalOnMissingBean
    public EliotMdcBridge eliotMdcBridge(EliotMdcProperties properties) {
        String uuidKey = checked("eliot.mdc.task-uuid-key", properties.getTaskUuidKey());
        String levelKey = checked("eliot.mdc.task-level-key", properties.getTaskLevelKey());
        if (uuidKey.equals(levelKey)) {
            throw new EliotConfigurationException(
                    "eliot.mdc.task-level-key", "must differ from eliot.mdc.task-uuid-key ('" + uuidKey + "')");
        }
        return new EliotMdcBridge(uuidKey, levelKey);
    }

    private static String checked(String property, String key) {
        if (key == null || key.isBlank()) {
            throw new EliotConfigurationException(property, "an MDC key must not be blank");
        }
        return key;
    }

    /**
     * Installs {@link EliotMdc} when created, and undoes that when the context closes: with other
     * contexts' bridges still open in the JVM, the newest of them is installed again, otherwise the
     * MDC bridge is uninstalled.
     */
    public static final class EliotMdcBridge implements DisposableBean {

        /** The bridges of open contexts, newest first; the first is installed. */
        private static final Deque<EliotMdcBridge> OPEN = new ArrayDeque<>(); // guarded by itself

        private final String taskUuidKey;
        private final String taskLevelKey;

        /** Installs the bridge with these keys. */
        public EliotMdcBridge(String taskUuidKey, String taskLevelKey) {
            this.taskUuidKey = taskUuidKey;
            this.taskLevelKey = taskLevelKey;
            synchronized (OPEN) {
                EliotMdc.install(taskUuidKey, taskLevelKey);
                OPEN.push(this);
            }
        }

        /** The MDC key of the task uuid. */
        public String taskUuidKey() {
            return taskUuidKey;
        }

        /** The MDC key of the action's level. */
        public String taskLevelKey() {
            return taskLevelKey;
        }

        @Override
        public void destroy() {
            synchronized (OPEN) {
                boolean installed = OPEN.peek() == this;
                OPEN.remove(this);
                if (!installed) {
                    return;
                }
                EliotMdcBridge next = OPEN.peek();
                if (next == null) {
                    EliotMdc.uninstall();
                } else {
                    EliotMdc.install(next.taskUuidKey, next.taskLevelKey);
                }
            }
        }
    }
}
