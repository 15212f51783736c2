package io.eliot.core.slf4j;

import io.eliot.core.Action;
import io.eliot.core.ContextScope;
import java.util.Objects;
import org.slf4j.MDC;

/**
 * Keeps the current Eliot action in the SLF4J MDC, so every ordinary log line written inside an
 * action (Spring Boot's structured logging, logstash-logback-encoder, log4j2's JSON layouts, a
 * {@code %X{eliot.task_uuid}} pattern) carries the task it belongs to:
 *
 * <ul>
 *   <li>{@value #DEFAULT_TASK_UUID_KEY}: the action's {@code task_uuid};
 *   <li>{@value #DEFAULT_TASK_LEVEL_KEY}: the action's own level, in the path form of serialized
 *       task ids: {@code "/2/3"} for an action whose messages are {@code [2, 3, n]}, {@code "/"}
 *       for the action that started the task. Eliot's messages logged inside it sit below that
 *       level.
 * </ul>
 *
 * <pre>{@code
 * EliotMdc.install();   // once, at startup (the Spring Boot starter does it: eliot.mdc.*)
 * }</pre>
 *
 * <p>The MDC follows every change of the current action on every thread: actions run or entered,
 * scopes closed, hand-offs to executors and virtual threads, Reactor's automatic context
 * propagation. When no action is current the keys are removed. Eliot owns these two keys: a value
 * the application put under one of them is overwritten inside an action and removed after it. Other
 * threads take the keys at their next change of action after {@link #install} (the calling thread
 * at once); {@link #uninstall} stops the updates and removes the keys from the calling thread.
 *
 * <p>Needs {@code org.slf4j:slf4j-api} 2.x on the class path (an optional dependency of
 * eliot-core): {@link #install} throws when it is absent, and until it is called nothing of SLF4J is
 * loaded. Off, following the context costs one static field read per change.
 */
public final class EliotMdc {

    /** The default MDC key of the task uuid. */
    public static final String DEFAULT_TASK_UUID_KEY = "eliot.task_uuid";

    /** The default MDC key of the action's level. */
    public static final String DEFAULT_TASK_LEVEL_KEY = "eliot.task_level";

    private static final String MDC_CLASS = "org.slf4j.MDC";

    private static Bridge installed; // guarded by EliotMdc.class

    private EliotMdc() {}

    /** Whether SLF4J is on the class path, so that {@link #install} can work. */
    public static boolean isAvailable() {
        try {
            Class.forName(MDC_CLASS, false, EliotMdc.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** {@link #install(String, String)} with the default keys. */
    public static void install() {
        install(DEFAULT_TASK_UUID_KEY, DEFAULT_TASK_LEVEL_KEY);
    }

    /**
     * Puts the current action's task uuid under {@code taskUuidKey} and its level under {@code
     * taskLevelKey} in the MDC of every thread, from each thread's next change of action on. Replaces
     * an earlier installation (removing its keys from the calling thread).
     *
     * @throws IllegalArgumentException if a key is null or blank, or both are the same
     * @throws IllegalStateException if SLF4J is not on the class path
     */
    public static synchronized void install(String taskUuidKey, String taskLevelKey) {
        checkKey("taskUuidKey", taskUuidKey);
        checkKey("taskLevelKey", taskLevelKey);
        if (taskUuidKey.equals(taskLevelKey)) {
            throw new IllegalArgumentException("the task uuid and task level MDC keys must differ: " + taskUuidKey);
        }
        if (!isAvailable()) {
            throw new IllegalStateException("EliotMdc needs SLF4J (org.slf4j:slf4j-api 2.x) on the class path");
        }
        uninstall();
        Bridge bridge = new Bridge(taskUuidKey, taskLevelKey);
        ContextScope.addListener(bridge);
        installed = bridge;
        Action current = ContextScope.capture();
        if (current != null) {
            bridge.currentActionChanged(current);
        }
    }

    /** Stops following the context and removes the keys from the calling thread's MDC. */
    public static synchronized void uninstall() {
        Bridge bridge = installed;
        if (bridge != null) {
            installed = null;
            ContextScope.removeListener(bridge);
            bridge.currentActionChanged(null);
        }
    }

    /** Whether the MDC follows Eliot's context now. */
    public static synchronized boolean isInstalled() {
        return installed != null;
    }

    private static void checkKey(String name, String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("the MDC key " + name + " must not be blank: " + key);
        }
    }

    /** The listener: the MDC's two keys mirror the current action. Touches SLF4J only when loaded. */
    private record Bridge(String taskUuidKey, String taskLevelKey) implements ContextScope.Listener {

        Bridge {
            Objects.requireNonNull(taskUuidKey);
            Objects.requireNonNull(taskLevelKey);
        }

        @Override
        public void currentActionChanged(Action current) {
            if (current == null) {
                MDC.remove(taskUuidKey);
                MDC.remove(taskLevelKey);
            } else {
                MDC.put(taskUuidKey, current.taskUuid());
                MDC.put(taskLevelKey, current.taskLevel().toPath());
            }
        }
    }
}
