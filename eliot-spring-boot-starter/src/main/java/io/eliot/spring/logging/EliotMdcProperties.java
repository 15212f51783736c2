package io.eliot.spring.logging;

import io.eliot.core.slf4j.EliotMdc;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The SLF4J MDC bridge, under the prefix {@code eliot.mdc}: while an Eliot action is current, the
 * MDC holds its task uuid and level, so every ordinary log line (Boot's structured logging
 * included) carries them.
 */
@ConfigurationProperties("eliot.mdc")
public class EliotMdcProperties {

    /** Whether the MDC holds the current action's task uuid and level. */
    private boolean enabled = true;

    /** The MDC key of the current action's task uuid. */
    private String taskUuidKey = EliotMdc.DEFAULT_TASK_UUID_KEY;

    /** The MDC key of the current action's own level, e.g. "/2/3" ("/" for the task's first action). */
    private String taskLevelKey = EliotMdc.DEFAULT_TASK_LEVEL_KEY;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getTaskUuidKey() {
        return taskUuidKey;
    }

    public void setTaskUuidKey(String taskUuidKey) {
        this.taskUuidKey = taskUuidKey;
    }

    public String getTaskLevelKey() {
        return taskLevelKey;
    }

    public void setTaskLevelKey(String taskLevelKey) {
        this.taskLevelKey = taskLevelKey;
    }
}
