package io.eliot.spring.logging;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The logback bridge, under the prefix {@code eliot.logback}: ordinary SLF4J log calls made inside
 * an Eliot action also become {@code eliot:slf4j} messages in the action's tree.
 */
@ConfigurationProperties("eliot.logback")
public class EliotLogbackProperties {

    /** Whether SLF4J events logged inside an action (when logback is the logging system) become Eliot messages. */
    private boolean enabled = true;

    /** The lowest level of event that becomes an Eliot message (TRACE, DEBUG, INFO, WARN, ERROR). */
    private String level = "INFO";

    /**
     * Loggers (and their children) whose events never become Eliot messages. The loggers of slf4j
     * destinations and Eliot's own loggers are always ignored.
     */
    private List<String> ignoredLoggers = new ArrayList<>();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getLevel() {
        return level;
    }

    public void setLevel(String level) {
        this.level = level;
    }

    public List<String> getIgnoredLoggers() {
        return ignoredLoggers;
    }

    public void setIgnoredLoggers(List<String> ignoredLoggers) {
        this.ignoredLoggers = ignoredLoggers;
    }
}
