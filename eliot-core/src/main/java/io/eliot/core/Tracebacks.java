package io.eliot.core;

import io.eliot.core.internal.CaptureFailure;
import io.eliot.core.internal.ExceptionExtractors;
import io.eliot.core.internal.FieldMap;
import io.eliot.core.internal.Throwables;
import io.eliot.core.settings.FieldLimits;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Exception fields for failed actions and {@code eliot:traceback} messages. */
final class Tracebacks {

    static final String TRACEBACK = "eliot:traceback";

    static final String SERIALIZATION_FAILURE = "eliot:serialization_failure";

    /** How many tracebacks are logged at most for the values of one message that could not be read. */
    static final int MAX_REPORTED = 5;

    /** The field holding the chain of causes. */
    static final String CAUSE = "cause";

    /** How many causes the {@code cause} field lists at most. */
    static final int MAX_CAUSES = 5;

    /** How many characters of a cause's message the {@code cause} field keeps. */
    static final int MAX_CAUSE_REASON = 200;

    private Tracebacks() {}

    /**
     * {@code exception}, {@code reason}, the extracted fields of {@code exception} and, when it has
     * a cause, {@code cause}: the chain of causes as {@code {exception, reason}} entries, at most
     * {@value #MAX_CAUSES}, reasons cut to {@value #MAX_CAUSE_REASON} characters. Extracted fields
     * are named like any user field; one named {@code cause} moves to {@code user_cause} when the
     * chain takes that name. An extractor that throws is reported as a traceback inside {@code
     * context} (or as its own task).
     */
    static Map<String, Object> exceptionFields(Throwable exception, Action context) {
        Map<String, Object> fields = baseFields(exception, 4);
        try {
            FieldCapture capture = new FieldCapture();
            ExceptionExtractors.global()
                    .extract(exception)
                    .forEach((name, value) -> UserFields.putDistinct(fields, name, capture.field(name, value)));
            for (CaptureFailure failure : capture.failures()) {
                write(failure.error(), context, false);
            }
        } catch (Throwable extractorFailure) {
            write(extractorFailure, context, false);
        }
        if (exception.getCause() != null) {
            if (fields.containsKey(CAUSE)) { // an extracted field: moves out of the chain's way
                String free = CAUSE;
                do {
                    free = UserFields.RENAMED_PREFIX + free;
                } while (fields.containsKey(free));
                fields.put(free, fields.remove(CAUSE));
            }
            fields.put(CAUSE, causes(exception));
        }
        return fields;
    }

    private static List<Map<String, String>> causes(Throwable exception) {
        List<Map<String, String>> causes = new ArrayList<>(2);
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        seen.add(exception);
        for (Throwable c = exception.getCause(); c != null && seen.add(c); c = c.getCause()) {
            if (causes.size() == MAX_CAUSES) {
                causes.add(cause("...", "more causes not shown"));
                break;
            }
            String reason = Throwables.reason(c);
            if (reason.length() > MAX_CAUSE_REASON) {
                reason = reason.substring(0, MAX_CAUSE_REASON) + "... (" + reason.length() + " characters)";
            }
            causes.add(cause(c.getClass().getName(), reason));
        }
        return causes;
    }

    private static Map<String, String> cause(String exception, String reason) {
        Map<String, String> cause = new LinkedHashMap<>(4);
        cause.put("exception", exception);
        cause.put("reason", reason);
        return cause;
    }

    /** Logs an {@code eliot:traceback} message for {@code exception} inside {@code context}. */
    static void write(Throwable exception, Action context, boolean extract) {
        Map<String, Object> fields = extract ? exceptionFields(exception, context) : baseFields(exception, 1);
        fields.put("traceback", Throwables.traceback(exception));
        Message.writeOwned(context, TRACEBACK, fields, null);
    }

    /**
     * After a message whose {@code fields} (captured by {@link UserFields}) hold values that threw
     * while they were read: logs an {@code eliot:traceback} per failure (at most {@value
     * #MAX_REPORTED}) and one {@code eliot:serialization_failure} inside {@code context} (each a task
     * of its own when it is null, as the message was), all cut to the {@link FieldLimits}.
     */
    static void reportCaptureFailures(Action context, String type, Map<String, Object> fields) {
        if (fields instanceof FieldMap captured && !captured.failures().isEmpty()) {
            report(context, type, captured.failures(), fields);
        }
    }

    /** {@link #reportCaptureFailures(Action, String, Map)} for one field added to an open action. */
    static void reportCaptureFailures(Action context, String type, String field, List<CaptureFailure> failures) {
        if (!failures.isEmpty()) {
            report(context, type, failures, Collections.singletonMap(field, "..."));
        }
    }

    private static void report(Action context, String type, List<CaptureFailure> failures, Map<String, ?> fields) {
        FieldLimits limits = FieldLimits.defaults();
        int reported = Math.min(failures.size(), MAX_REPORTED);
        for (int i = 0; i < reported; i++) {
            Throwable error = failures.get(i).error();
            Map<String, Object> traceback = baseFields(error, 1);
            traceback.put("reason", Throwables.cut(Throwables.reason(error), limits.maxStringLength()));
            traceback.put(
                    "traceback",
                    Throwables.cut(
                            Throwables.traceback(error),
                            Math.max(limits.maxStringLength(), limits.maxMessageSize() / 10)));
            Message.writeOwned(context, TRACEBACK, traceback, null);
        }
        Map<String, Object> failure = new LinkedHashMap<>(6);
        List<String> names = new ArrayList<>(2);
        for (CaptureFailure f : failures) {
            if (!names.contains(f.field())) {
                names.add(f.field());
            }
        }
        failure.put("fields", names);
        if (failures.size() > reported) {
            failure.put("failures", failures.size());
        }
        failure.put("message", Throwables.cut(type + " " + Throwables.safeToString(fields), limits.maxStringLength()));
        Message.writeOwned(context, SERIALIZATION_FAILURE, failure, null);
    }

    private static Map<String, Object> baseFields(Throwable exception, int extra) {
        Map<String, Object> fields = new LinkedHashMap<>(4 + extra * 2);
        fields.put("exception", exception.getClass().getName());
        fields.put("reason", Throwables.reason(exception));
        return fields;
    }
}
