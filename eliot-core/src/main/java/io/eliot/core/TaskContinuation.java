package io.eliot.core;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The one step for an incoming unit of work (a request, a record, a message, a job) that may carry
 * a serialized task id: continue the sender's task, or start a new one, and say why when the id is
 * refused. Python Eliot's {@code Action.continue_task(action_type=...)}, for any transport. Every
 * integration uses it: the servlet filter, the Kafka consumer, and your own transport:
 *
 * <pre>{@code
 * static final TaskContinuation JOBS = TaskContinuation.of("jobs:run");
 *
 * void onJob(Job job) {
 *     JOBS.start(job.header(TaskContinuation.TASK_ID_HEADER), Map.of("job", job.id()))
 *             .run(() -> handle(job));
 * }
 * }</pre>
 *
 * <p>The unit of work becomes an action of the configured type with the given fields, which is
 *
 * <ul>
 *   <li>with one valid id: a child of an {@code eliot:remote_task} action at the position the id
 *       names, in the sender's task;
 *   <li>with no id: a new task;
 *   <li>with several ids, or an invalid one: a new task whose first message is {@value
 *       #INVALID_TASK_ID} with {@code header} (the carrier's name for it) and {@code problem}
 *       ({@code "more than one x-eliot-task-id header"}, or the {@link InvalidTaskIdException}
 *       message, which quotes only a short escaped excerpt). A refused id never stops the work;
 *   <li>with {@linkplain #withRedeliveryCheck() the redelivery check}, an id already continued in
 *       this process (a retry, a redelivery) cannot take the same position twice: a new task
 *       whose start message carries {@value #REDELIVERED_TASK_ID}, the id it carried;
 *   <li>given a W3C {@value #TRACEPARENT_HEADER} ({@link #startFromHeaders(Iterable, Iterable,
 *       Map)}): with the caller's {@value #TRACE_ID} and {@value #PARENT_SPAN_ID} as start fields,
 *       or, when it is invalid, with an {@value #INVALID_TRACEPARENT} message.
 * </ul>
 *
 * Ids given as bytes are read as UTF-8 when they are valid UTF-8, else one character per byte;
 * ids given as strings are taken as an HTTP server decodes headers (one character per byte) and
 * read again as UTF-8 when they form it (see {@link TaskIdHeaders}). This changes only how a
 * refused id is quoted: valid ids are ASCII.
 *
 * <p>Immutable and thread-safe; keep one per kind of work. Never throws because of logging.
 */
public final class TaskContinuation {

    /** The header (or property, metadata key, record header) carrying a serialized task id. */
    public static final String TASK_ID_HEADER = "x-eliot-task-id";

    /** The message logged inside the new task when a carried task id is refused. */
    public static final String INVALID_TASK_ID = "eliot:invalid_task_id";

    /** The start field of work whose task id was already continued in this process: that id. */
    public static final String REDELIVERED_TASK_ID = "redelivered_task_id";

    /** The W3C Trace Context header naming the caller's trace and span. */
    public static final String TRACEPARENT_HEADER = "traceparent";

    /** The message logged inside the work's action when a carried {@value #TRACEPARENT_HEADER} is refused. */
    public static final String INVALID_TRACEPARENT = "eliot:invalid_traceparent";

    /** The start field holding the caller's trace id, from a valid {@value #TRACEPARENT_HEADER}. */
    public static final String TRACE_ID = "trace_id";

    /** The start field holding the caller's span id (the traceparent's parent id). */
    public static final String PARENT_SPAN_ID = "parent_span_id";

    /** Task ids continued lately with the redelivery check, process-wide. */
    private static final RecentTaskIds CONTINUED = new RecentTaskIds(4_096);

    private final String actionType;
    private final String headerName;
    private final boolean redeliveryCheck;

    private TaskContinuation(String actionType, String headerName, boolean redeliveryCheck) {
        this.actionType = Objects.requireNonNull(actionType, "actionType");
        this.headerName = Objects.requireNonNull(headerName, "headerName");
        this.redeliveryCheck = redeliveryCheck;
    }

    /** Work of {@code actionType}, its id carried in {@value #TASK_ID_HEADER}, without the redelivery check. */
    public static TaskContinuation of(String actionType) {
        return new TaskContinuation(actionType, TASK_ID_HEADER, false);
    }

    /** The same, naming the carrier of the id {@code headerName} in {@value #INVALID_TASK_ID} messages. */
    public TaskContinuation withHeaderName(String headerName) {
        return new TaskContinuation(actionType, headerName, redeliveryCheck);
    }

    /**
     * The same, with the redelivery check: an id continued before in this process (the last 4,096
     * such ids, shared by every continuation with the check) starts a new task with {@value
     * #REDELIVERED_TASK_ID} instead of taking its position again. For transports that deliver a
     * unit of work again (message queues, job retries).
     */
    public TaskContinuation withRedeliveryCheck() {
        return new TaskContinuation(actionType, headerName, true);
    }

    /** The {@code action_type} of the work's action. */
    public String actionType() {
        return actionType;
    }

    /** The name of the id's carrier, as {@value #INVALID_TASK_ID} messages give it. */
    public String headerName() {
        return headerName;
    }

    /** Whether {@link #withRedeliveryCheck()} applies. */
    public boolean checksRedelivery() {
        return redeliveryCheck;
    }

    /**
     * Starts the work carrying {@code taskId} ({@code null}: none) with start {@code fields}; see
     * the class description. Finish it with {@link ContinuedTask#finish}, or use {@link
     * ContinuedTask#run}.
     */
    public ContinuedTask start(String taskId, Map<String, ?> fields) {
        return taskId == null
                ? begin(Carried.NONE, null, fields)
                : begin(Carried.one(TaskIdHeaders.fromIso88591(taskId)), null, fields);
    }

    /** {@link #start(String, Map)} for an id carried as bytes ({@code null}: none). */
    public ContinuedTask start(byte[] taskId, Map<String, ?> fields) {
        return taskId == null
                ? begin(Carried.NONE, null, fields)
                : begin(Carried.one(TaskIdHeaders.decode(taskId)), null, fields);
    }

    /**
     * {@link #start(String, Map)} for a carrier that may hold the header several times (HTTP,
     * gRPC metadata): every value of the header, in any order; none is no id, more than one is
     * refused.
     */
    public ContinuedTask startFromHeaders(Iterable<String> values, Map<String, ?> fields) {
        return begin(Carried.of(values, TaskIdHeaders::fromIso88591), null, fields);
    }

    /**
     * {@link #startFromHeaders(Iterable, Map)} with every value of the W3C {@value
     * #TRACEPARENT_HEADER} header too ({@code null} or empty: none). One valid traceparent adds the
     * start fields {@value #TRACE_ID} and {@value #PARENT_SPAN_ID} (unless {@code fields} has them),
     * whether or not a task id continues a task: the trace id is never taken as a task uuid. An
     * invalid one, or more than one, adds nothing and is logged inside the work's action as
     * {@value #INVALID_TRACEPARENT} with {@code header} and {@code problem} (quoting only a short
     * escaped excerpt).
     */
    public ContinuedTask startFromHeaders(
            Iterable<String> values, Iterable<String> traceparents, Map<String, ?> fields) {
        return begin(Carried.of(values, TaskIdHeaders::fromIso88591), traceparents, fields);
    }

    /** {@link #startFromHeaders} for values carried as bytes (Kafka record headers). */
    public ContinuedTask startFromHeaderBytes(Iterable<byte[]> values, Map<String, ?> fields) {
        return begin(Carried.of(values, TaskIdHeaders::decode), null, fields);
    }

    private ContinuedTask begin(Carried carried, Iterable<String> traceparents, Map<String, ?> fields) {
        Action remote = null;
        String rejection = carried.rejection(headerName);
        Map<String, ?> startFields = fields == null ? Map.of() : fields;
        String traceRejection = null;
        Carried trace = Carried.of(traceparents, TaskIdHeaders::fromIso88591);
        if (trace.count > 1) {
            traceRejection = "more than one " + TRACEPARENT_HEADER + " header";
        } else if (trace.count == 1) {
            try {
                TraceParent parent = TraceParent.parse(trace.taskId);
                Map<String, Object> withTrace = new LinkedHashMap<>(startFields);
                withTrace.putIfAbsent(TRACE_ID, parent.traceId());
                withTrace.putIfAbsent(PARENT_SPAN_ID, parent.parentId());
                startFields = withTrace;
            } catch (IllegalArgumentException e) {
                traceRejection = e.getMessage();
            }
        }
        if (rejection == null && carried.taskId != null) {
            String taskId = carried.taskId;
            if (redeliveryCheck && !CONTINUED.firstTime(taskId)) {
                Map<String, Object> withId = new LinkedHashMap<>(startFields);
                withId.put(REDELIVERED_TASK_ID, taskId);
                startFields = withId;
            } else {
                try {
                    remote = Eliot.continueTask(taskId);
                } catch (InvalidTaskIdException e) {
                    rejection = e.getMessage();
                    if (redeliveryCheck) {
                        CONTINUED.forget(taskId);
                    }
                }
            }
        }
        Action action =
                remote == null ? Eliot.startTask(actionType, startFields) : remote.startChild(actionType, startFields);
        if (rejection != null) {
            try (ContextScope ignored = action.context()) {
                Eliot.log(INVALID_TASK_ID, "header", headerName, "problem", rejection);
            }
        }
        if (traceRejection != null) {
            try (ContextScope ignored = action.context()) {
                Eliot.log(INVALID_TRACEPARENT, "header", TRACEPARENT_HEADER, "problem", traceRejection);
            }
        }
        return new ContinuedTask(remote, action);
    }

    @Override
    public String toString() {
        return "TaskContinuation[" + actionType + " from " + headerName
                + (redeliveryCheck ? ", redelivery check]" : "]");
    }

    /** What the carrier held: no id, one id, or several. */
    private static final class Carried {
        static final Carried NONE = new Carried(null, 0);

        final String taskId;
        final int count;

        private Carried(String taskId, int count) {
            this.taskId = taskId;
            this.count = count;
        }

        static Carried one(String taskId) {
            return new Carried(taskId, 1);
        }

        static <T> Carried of(Iterable<T> values, java.util.function.Function<T, String> decode) {
            if (values == null) {
                return NONE;
            }
            Iterator<T> it = values.iterator();
            if (!it.hasNext()) {
                return NONE;
            }
            T first = it.next();
            if (it.hasNext()) {
                return new Carried(null, 2);
            }
            return one(first == null ? null : decode.apply(first));
        }

        /** Why the carrier's id is refused before parsing it, or null. */
        String rejection(String headerName) {
            if (count > 1) {
                return "more than one " + headerName + " header";
            }
            if (count == 1 && taskId == null) {
                return "task id is null";
            }
            return null;
        }
    }

    /** The last {@code capacity} ids seen. */
    private static final class RecentTaskIds {
        private final int capacity;
        private final Map<String, Boolean> ids;

        RecentTaskIds(int capacity) {
            this.capacity = capacity;
            this.ids = new LinkedHashMap<>(capacity * 2, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > RecentTaskIds.this.capacity;
                }
            };
        }

        /** Whether {@code id} is new here; remembers it. */
        synchronized boolean firstTime(String id) {
            return ids.put(id, Boolean.TRUE) == null;
        }

        synchronized void forget(String id) {
            ids.remove(id);
        }
    }
}
