package io.eliot.core.internal;

import java.io.PrintWriter;
import java.io.StringWriter;

/** How exceptions appear in messages: {@code reason} and {@code traceback} text. */
public final class Throwables {

    private Throwables() {}

    /** The {@code reason} field: the exception's message, or its {@code toString()} where that is null. */
    public static String reason(Throwable t) {
        try {
            String message = t.getMessage();
            return message != null ? message : t.toString();
        } catch (Throwable broken) {
            return t.getClass().getName() + " (its message could not be read: "
                    + broken.getClass().getName() + ")";
        }
    }

    /** The {@code traceback} field: the stack trace as {@link Throwable#printStackTrace} prints it. */
    public static String traceback(Throwable t) {
        try {
            StringWriter out = new StringWriter(1024);
            t.printStackTrace(new PrintWriter(out, false));
            return out.toString();
        } catch (Throwable broken) {
            return t.getClass().getName() + " (its stack trace could not be printed: "
                    + broken.getClass().getName() + ")";
        }
    }

    /**
     * The text of a value in Eliot's own messages (a failed message, a message's {@code toString()}):
     * maps and collections as {@code String.valueOf} writes them, with the field redaction in force
     * applied and, while one is, no {@code toString()} of application objects; see {@link
     * RedactedText}. Never throws but {@code Error}s.
     */
    public static String safeToString(Object value) {
        if (value instanceof String s) {
            return s; // the common case (a field name): no rendering needed
        }
        try {
            return RedactedText.of(value).text();
        } catch (RuntimeException | StackOverflowError broken) {
            return "<unprintable " + (value == null ? "null" : value.getClass().getName()) + ": "
                    + broken.getClass().getName() + ">";
        }
    }

    /**
     * {@code String.valueOf(value)}, or a note saying why it could not be had: for Eliot's own
     * objects, such as destinations; values a message holds go through {@link #safeToString}.
     */
    public static String describe(Object value) {
        try {
            return String.valueOf(value);
        } catch (Throwable broken) {
            return "<unprintable " + (value == null ? "null" : value.getClass().getName()) + ": "
                    + broken.getClass().getName() + ">";
        }
    }

    /**
     * Rethrows {@code t} if it means the JVM itself is in trouble (a {@link VirtualMachineError} such
     * as {@link OutOfMemoryError}); a {@link StackOverflowError} is left to the caller, which unwound it.
     */
    public static void rethrowIfFatal(Throwable t) {
        if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
            throw (VirtualMachineError) t;
        }
    }

    /**
     * The marker that replaces a logged value that threw while it was read or written: {@code <not
     * logged: class: reason>}, the reason cut to {@code maxReason} characters.
     */
    public static String unreadable(Throwable failure, int maxReason) {
        return "<not logged: " + failure.getClass().getName() + ": " + cut(reason(failure), maxReason) + ">";
    }

    /** {@code text} cut to {@code max} characters, with a marker giving its length. */
    public static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "... (cut from " + text.length() + " characters)";
    }
}
