package io.eliot.testing;

import io.eliot.core.record.MessageRecord;
import io.eliot.testing.internal.ExceptionTypes;
import io.eliot.testing.internal.Values;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Fluent assertions on the logged actions of one type: each step keeps the candidate actions that
 * satisfy it and fails when none is left, so a chain asserts that one action satisfies every step.
 * The failure shows the candidates in their task trees, each marked with why it does not match.
 *
 * <pre>{@code
 * LoggedAction checkout = assertThat(log).hasAction("shop:checkout")
 *         .succeeded()
 *         .withStartFields(Map.of("cart", "c-7"))
 *         .withChild("shop:charge")
 *         .action();
 * }</pre>
 */
public final class LoggedActionAssert {

    private final TaskIndex index;
    private final String type;
    private final String base;
    private final List<String> parts = new ArrayList<>();
    private final List<LoggedAction> candidates;
    private final Map<LoggedAction, String> rejected = new IdentityHashMap<>();

    LoggedActionAssert(TaskIndex index, String type, String base, List<LoggedAction> candidates) {
        this.index = index;
        this.type = type;
        this.base = base;
        this.candidates = candidates;
    }

    /** Keeps the actions that finished with {@code succeeded}. */
    public LoggedActionAssert succeeded() {
        return narrow("that succeeded", LoggedActionAssert::notSucceeded);
    }

    /** Keeps the actions that finished with {@code failed}. */
    public LoggedActionAssert failed() {
        return narrow("that failed", LoggedActionAssert::notFailed);
    }

    /** Keeps the actions that failed with an exception of {@code exceptionType} or a subclass. */
    public LoggedActionAssert failedWith(Class<? extends Throwable> exceptionType) {
        return narrow("that failed with " + exceptionType.getName(), action -> {
            String notFailed = notFailed(action);
            if (notFailed != null) {
                return notFailed;
            }
            Object exception = action.endMessage().fields().get("exception");
            return ExceptionTypes.isA(exception, exceptionType) ? null : "failed with " + exception;
        });
    }

    /** Keeps the actions whose start message has {@code fields} (and maybe others); see {@link EliotAssertions}. */
    public LoggedActionAssert withStartFields(Map<String, ?> fields) {
        return narrow("with start fields " + Values.render(fields), action -> startProblem(action, fields));
    }

    /** Keeps the actions whose end message has {@code fields} (and maybe others). */
    public LoggedActionAssert withEndFields(Map<String, ?> fields) {
        return narrow("with end fields " + Values.render(fields), action -> endProblem(action, fields));
    }

    /** Keeps the actions with a direct child, message or action, of {@code type}. */
    public LoggedActionAssert withChild(String type) {
        return narrow(
                "with a child " + type,
                action -> action.children().stream().anyMatch(c -> type.equals(c.type())) ? null : "no child " + type);
    }

    /** Keeps the actions with a message or action of {@code type} anywhere below them. */
    public LoggedActionAssert withDescendant(String type) {
        return narrow(
                "with a descendant " + type,
                action -> action.descendants().stream().anyMatch(c -> type.equals(c.type()))
                        ? null
                        : "no descendant " + type);
    }

    /**
     * Goes on with the child actions of {@code type} of the actions kept so far.
     *
     * <pre>{@code assertThat(log).hasAction("shop:checkout").child("shop:charge").failed();}</pre>
     */
    public LoggedActionAssert child(String type) {
        String parent = description();
        narrow(
                "with a child action " + type,
                action -> childActions(action, type).isEmpty() ? "no child action " + type : null);
        List<LoggedAction> children = kept().stream()
                .flatMap(action -> childActions(action, type).stream())
                .toList();
        return new LoggedActionAssert(index, type, "an action of type " + type + " (inside " + parent + ")", children);
    }

    /** The first action kept, in the order logged, for assertions of your own. */
    public LoggedAction action() {
        return kept().get(0);
    }

    /**
     * {@code status}, {@code startFields} and {@code endFields} at once, each candidate marked with
     * everything it lacks; for {@link EliotAssertions#assertHasAction}.
     */
    LoggedActionAssert matching(boolean succeeded, Map<String, ?> startFields, Map<String, ?> endFields) {
        List<String> description = new ArrayList<>(3);
        description.add(succeeded ? "that succeeded" : "that failed");
        if (!startFields.isEmpty()) {
            description.add("with start fields " + Values.render(startFields));
        }
        if (!endFields.isEmpty()) {
            description.add("with end fields " + Values.render(endFields));
        }
        return narrow(String.join(", ", description), action -> {
            List<String> problems = new ArrayList<>(3);
            String status = succeeded ? notSucceeded(action) : notFailed(action);
            if (status != null) {
                problems.add(status);
            }
            String start = startProblem(action, startFields);
            if (start != null) {
                problems.add(start);
            }
            if (!endFields.isEmpty() && action.isFinished()) {
                String end = endProblem(action, endFields);
                if (end != null) {
                    problems.add(end);
                }
            }
            return problems.isEmpty() ? null : String.join("; ", problems);
        });
    }

    private static String notSucceeded(LoggedAction action) {
        return !action.isFinished() ? "not finished" : action.succeeded() ? null : "failed";
    }

    private static String notFailed(LoggedAction action) {
        return !action.isFinished() ? "not finished" : action.succeeded() ? "succeeded" : null;
    }

    private static String startProblem(LoggedAction action, Map<String, ?> fields) {
        List<String> mismatches = Values.mismatches(action.startMessage(), fields);
        return mismatches.isEmpty() ? null : "start: " + String.join(", ", mismatches);
    }

    private static String endProblem(LoggedAction action, Map<String, ?> fields) {
        if (!action.isFinished()) {
            return "not finished";
        }
        List<String> mismatches = Values.mismatches(action.endMessage(), fields);
        return mismatches.isEmpty() ? null : "end: " + String.join(", ", mismatches);
    }

    private static List<LoggedAction> childActions(LoggedAction action, String type) {
        return action.children().stream()
                .filter(c -> c instanceof LoggedAction && type.equals(c.type()))
                .map(LoggedAction.class::cast)
                .toList();
    }

    private List<LoggedAction> kept() {
        return candidates.stream().filter(c -> !rejected.containsKey(c)).toList();
    }

    private String description() {
        return parts.isEmpty() ? base : base + " " + String.join(", ", parts);
    }

    private LoggedActionAssert narrow(String part, Function<LoggedAction, String> problem) {
        parts.add(part);
        for (LoggedAction candidate : kept()) {
            String note = problem.apply(candidate);
            if (note != null) {
                rejected.put(candidate, note);
            }
        }
        if (kept().isEmpty()) {
            Map<MessageRecord, String> notes = new IdentityHashMap<>();
            candidates.forEach(c -> notes.put(c.startMessage(), rejected.get(c)));
            Set<String> tasks = candidates.stream().map(LoggedAction::taskUuid).collect(Collectors.toSet());
            throw new AssertionError("Expected " + description() + ", but no logged action of type " + type
                    + " matches:\n" + index.render(tasks::contains, notes));
        }
        return this;
    }
}
