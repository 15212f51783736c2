package io.eliot.spring.internal;

/** Whether AspectJ's load-time weaver runs in this JVM ({@code -javaagent:aspectjweaver.jar}). */
public final class LoadTimeWeaving {

    private LoadTimeWeaving() {}

    /** True when the weaver's agent was started, so classes are woven as they load. */
    public static boolean isActive() {
        try {
            Class<?> agent = Class.forName("org.aspectj.weaver.loadtime.Agent");
            return agent.getMethod("getInstrumentation").invoke(null) != null;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return false;
        }
    }
}
