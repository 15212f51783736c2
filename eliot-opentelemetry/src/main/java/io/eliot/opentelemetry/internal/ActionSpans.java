package io.eliot.opentelemetry.internal;

import io.eliot.core.record.ActionStatus;
import io.eliot.core.record.MessageRecord;
import io.eliot.core.record.TaskLevel;
import io.eliot.opentelemetry.EliotLogRecords;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The spans of the actions that started and have not finished, keyed by task and the action's level
 * (the level its messages share as a prefix). At most {@code maxOpen}: starting one more ends the
 * oldest open span, marked {@code eliot.unfinished}.
 */
public final class ActionSpans {

    private static final String UNFINISHED = EliotLogRecords.UNFINISHED;

    private static final AttributeKey<String> STATUS = AttributeKey.stringKey("eliot.action_status");
    private static final AttributeKey<String> EXCEPTION_TYPE = AttributeKey.stringKey("exception.type");
    private static final AttributeKey<String> EXCEPTION_MESSAGE = AttributeKey.stringKey("exception.message");

    private final Tracer tracer;
    private final int maxOpen;
    private final Map<String, Span> open;
    private final AtomicLong evicted = new AtomicLong();

    public ActionSpans(Tracer tracer, int maxOpen) {
        this.tracer = tracer;
        this.maxOpen = maxOpen;
        this.open = new LinkedHashMap<>(Math.min(maxOpen, 1024) * 4 / 3 + 1);
    }

    /**
     * Starts the span of the action {@code message} starts, if it is an action's start message.
     *
     * @param structure the message's {@code eliot.*} attributes
     * @param attributes the attributes of its other fields
     * @param outside the parent if the action has no open parent action span: the current context,
     *     or the trace context carried by the message
     */
    public void start(MessageRecord message, Attributes structure, Attributes attributes, Context outside) {
        if (message.actionStatus() == ActionStatus.STARTED
                && message.taskLevel().depth() > 0) {
            TaskLevel action = message.taskLevel().parent();
            start(message, structure, attributes, key(message.taskUuid(), action), action, outside);
        }
    }

    /**
     * Ends the span of the action {@code message} ends, if it is an action's end message, adding
     * its {@code eliot.action_status} and {@code attributes} (those of its fields).
     */
    public void finish(MessageRecord message, Attributes attributes) {
        if (message.isAction()
                && message.actionStatus() != ActionStatus.STARTED
                && message.taskLevel().depth() > 0) {
            end(message, attributes, key(message.taskUuid(), message.taskLevel().parent()));
        }
    }

    /** The open span of the action {@code message} belongs to, if any. */
    public Span spanOf(MessageRecord message) {
        TaskLevel level = message.taskLevel();
        if (level.depth() == 0) {
            return null;
        }
        synchronized (open) {
            return open.get(key(message.taskUuid(), level.parent()));
        }
    }

    private void start(
            MessageRecord message,
            Attributes structure,
            Attributes attributes,
            String key,
            TaskLevel action,
            Context outside) {
        Span parent = null;
        TaskLevel parentAction = action.parent();
        if (parentAction != null) {
            synchronized (open) {
                parent = open.get(key(message.taskUuid(), parentAction));
            }
        }
        Span span = tracer.spanBuilder(message.actionType())
                .setParent(parent != null ? Context.root().with(parent) : outside)
                .setSpanKind(SpanKind.INTERNAL)
                .setStartTimestamp(message.timestampMicros(), TimeUnit.MICROSECONDS)
                .setAllAttributes(structure) // first: the SDK's limit on attributes drops the last ones
                .setAllAttributes(attributes)
                .startSpan();
        List<Span> overflow = null;
        synchronized (open) {
            Span replaced = open.put(key, span);
            if (replaced != null) {
                (overflow = new ArrayList<>()).add(replaced); // the same action started twice: a broken log
            }
            for (Iterator<Span> oldest = open.values().iterator(); open.size() > maxOpen; ) {
                Span old = oldest.next();
                oldest.remove();
                (overflow == null ? overflow = new ArrayList<>() : overflow).add(old);
            }
        }
        if (overflow != null) {
            evicted.addAndGet(overflow.size());
            overflow.forEach(ActionSpans::endUnfinished);
        }
    }

    private void end(MessageRecord message, Attributes attributes, String key) {
        Span span;
        synchronized (open) {
            span = open.remove(key);
        }
        if (span == null) {
            return; // started before this destination was added, or evicted
        }
        span.setAttribute(STATUS, message.actionStatus().wireName());
        span.setAllAttributes(attributes);
        if (message.actionStatus() == ActionStatus.FAILED) {
            String exception = text(message.get("exception"));
            String reason = text(message.get("reason"));
            span.setStatus(StatusCode.ERROR, reason == null ? "" : reason);
            var event = Attributes.builder();
            if (exception != null) {
                event.put(EXCEPTION_TYPE, exception);
            }
            if (reason != null) {
                event.put(EXCEPTION_MESSAGE, reason);
            }
            span.addEvent("exception", event.build(), message.timestampMicros(), TimeUnit.MICROSECONDS);
        }
        span.end(message.timestampMicros(), TimeUnit.MICROSECONDS);
    }

    /** How many spans were ended unfinished because more than {@code maxOpen} were open. */
    public long evicted() {
        return evicted.get();
    }

    /** How many spans are open. */
    public int openCount() {
        synchronized (open) {
            return open.size();
        }
    }

    /** Ends every open span, marked {@code eliot.unfinished}. */
    public void endAll() {
        List<Span> spans;
        synchronized (open) {
            spans = new ArrayList<>(open.values());
            open.clear();
        }
        spans.forEach(ActionSpans::endUnfinished);
    }

    private static void endUnfinished(Span span) {
        span.setAttribute(UNFINISHED, true);
        span.end();
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    private static String key(String taskUuid, TaskLevel action) {
        return taskUuid + action.toPath();
    }
}
