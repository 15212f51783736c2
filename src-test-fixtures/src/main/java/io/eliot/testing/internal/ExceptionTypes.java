package io.eliot.testing.internal;

/** Matches the {@code exception} field of a message (a class name) against an exception type. */
public final class ExceptionTypes {

    private ExceptionTypes() {}

    /**
     * Whether the class named {@code className} is {@code type} or a subclass of it. A class that
     * cannot be loaded matches only by its exact name.
     */
    public static boolean isA(Object className, Class<? extends Throwable> type) {
        if (!(className instanceof String name)) {
            return false;
        }
        if (name.equals(type.getName())) {
            return true;
        }
        for (ClassLoader loader :
                new ClassLoader[] {type.getClassLoader(), Thread.currentThread().getContextClassLoader()}) {
            try {
                return type.isAssignableFrom(Class.forName(name, false, loader));
            } catch (ClassNotFoundException | LinkageError e) {
                // try the next loader
            }
        }
        return false;
    }
}
