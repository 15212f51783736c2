package io.eliot.testing;

import io.eliot.core.ActionType;
import io.eliot.core.MessageType;
import java.util.Map;

/**
 * Assertions on what a test logged, in the style of Python Eliot's {@code eliot.testing}, plus a
 * fluent entry point. Import them statically; {@link #assertThat(CapturedLog)} sits beside AssertJ's
 * {@code assertThat} overloads.
 *
 * <pre>{@code
 * LoggedAction search = assertHasAction(log, "search", true, Map.of("key", "theuser"), Map.of());
 * assertHasMessage(log, "search:check", Map.of("server", "a"));
 * assertThat(log).hasAction("search").succeeded().withChild("search:check");
 * }</pre>
 *
 * <p>Expected fields are a subset of a message's fields (structural and global fields included) and
 * match as JSON would see them: {@code 2}, {@code 2L} and {@code 2.0} alike, lists and arrays element
 * by element, maps entry by entry, anything else by {@code equals}. A failure shows the relevant task
 * trees, each candidate marked with why it does not match.
 */
public final class EliotAssertions {

    private EliotAssertions() {}

    /**
     * Fluent assertions on {@code log}'s messages so far.
     *
     * <pre>{@code assertThat(log).hasAction("shop:checkout").succeeded().withChild("shop:charge");}</pre>
     */
    public static CapturedLogAssert assertThat(CapturedLog log) {
        return new CapturedLogAssert(log.messages());
    }

    /** Asserts that a message of {@code messageType} was logged and returns the first one. */
    public static LoggedMessage assertHasMessage(CapturedLog log, String messageType) {
        return assertHasMessage(log, messageType, Map.of());
    }

    /**
     * Asserts that a message of {@code messageType} with {@code fields} (and maybe others) was logged
     * and returns the first such message.
     *
     * <pre>{@code assertHasMessage(log, "user:registered", Map.of("username", "john", "age", 12));}</pre>
     */
    public static LoggedMessage assertHasMessage(CapturedLog log, String messageType, Map<String, ?> fields) {
        return assertThat(log).hasMessage(messageType).withFields(fields).message();
    }

    /** {@link #assertHasMessage(CapturedLog, String, Map)} for a message of {@code type}. */
    public static LoggedMessage assertHasMessage(CapturedLog log, MessageType type, Map<String, ?> fields) {
        return assertHasMessage(log, type.messageType(), fields);
    }

    /** Asserts that an action of {@code actionType} that succeeded (or failed) was logged and returns it. */
    public static LoggedAction assertHasAction(CapturedLog log, String actionType, boolean succeeded) {
        return assertHasAction(log, actionType, succeeded, Map.of(), Map.of());
    }

    /**
     * Asserts that an action of {@code actionType} was logged that succeeded (or failed) and whose
     * start and end messages have {@code startFields} and {@code endFields} (and maybe others), and
     * returns the first such action. Unlike Python's, which looks only at the first action of the
     * type, any action of the type may match.
     *
     * <pre>{@code
     * assertHasAction(log, "search", true, Map.of("database", "users"), Map.of("found", true));
     * }</pre>
     */
    public static LoggedAction assertHasAction(
            CapturedLog log,
            String actionType,
            boolean succeeded,
            Map<String, ?> startFields,
            Map<String, ?> endFields) {
        return assertThat(log)
                .hasAction(actionType)
                .matching(succeeded, startFields, endFields)
                .action();
    }

    /** {@link #assertHasAction(CapturedLog, String, boolean, Map, Map)} for an action of {@code type}. */
    public static LoggedAction assertHasAction(
            CapturedLog log, ActionType type, boolean succeeded, Map<String, ?> startFields, Map<String, ?> endFields) {
        return assertHasAction(log, type.actionType(), succeeded, startFields, endFields);
    }
}
