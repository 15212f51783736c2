package io.eliot.testing;

import io.eliot.core.record.MessageRecord;
import io.eliot.testing.internal.Values;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Fluent assertions on the logged messages of one type: each step keeps the candidate messages that
 * satisfy it and fails when none is left. The failure shows the candidates in their task trees,
 * each marked with why it does not match.
 *
 * <pre>{@code
 * assertThat(log).hasMessage("shop:cart:priced").withFields(Map.of("total", 12.5));
 * }</pre>
 */
public final class LoggedMessageAssert {

    private final TaskIndex index;
    private final String type;
    private final String base;
    private final List<String> parts = new ArrayList<>();
    private final List<LoggedMessage> candidates;
    private final Map<LoggedMessage, String> rejected = new IdentityHashMap<>();

    LoggedMessageAssert(TaskIndex index, String type, String base, List<LoggedMessage> candidates) {
        this.index = index;
        this.type = type;
        this.base = base;
        this.candidates = candidates;
    }

    /**
     * Keeps the messages that have {@code fields} (and maybe others). Values match as JSON would see
     * them: {@code 2}, {@code 2L} and {@code 2.0} alike; lists and arrays element by element.
     */
    public LoggedMessageAssert withFields(Map<String, ?> fields) {
        if (fields.isEmpty()) {
            return this;
        }
        parts.add("with fields " + Values.render(fields));
        for (LoggedMessage candidate : kept()) {
            List<String> mismatches = Values.mismatches(candidate.message(), fields);
            if (!mismatches.isEmpty()) {
                rejected.put(candidate, String.join(", ", mismatches));
            }
        }
        if (kept().isEmpty()) {
            Map<MessageRecord, String> notes = new IdentityHashMap<>();
            candidates.forEach(c -> notes.put(c.message(), rejected.get(c)));
            Set<String> tasks = candidates.stream().map(LoggedMessage::taskUuid).collect(Collectors.toSet());
            throw new AssertionError("Expected " + base + " " + String.join(", ", parts)
                    + ", but no logged message of type " + type + " matches:\n" + index.render(tasks::contains, notes));
        }
        return this;
    }

    /** The first message kept, in the order logged, for assertions of your own. */
    public LoggedMessage message() {
        return kept().get(0);
    }

    private List<LoggedMessage> kept() {
        return candidates.stream().filter(c -> !rejected.containsKey(c)).toList();
    }
}
