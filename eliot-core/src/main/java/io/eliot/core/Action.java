package io.eliot.core;

import io.eliot.core.internal.CaptureFailure;
import io.eliot.core.internal.FieldMap;
import io.eliot.core.internal.TaskUuids;
import io.eliot.core.internal.Timestamps;
import io.eliot.core.internal.registry.Destinations;
import io.eliot.core.record.ActionStatus;
import io.eliot.core.record.MessageRecord;
import io.eliot.core.record.MessageSchema;
import io.eliot.core.record.TaskLevel;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.Map;

/**
 * A unit of work with a start and an end: logs {@code started} when created and {@code succeeded}
 * or {@code failed} when finished. Everything logged while it is the current action nests inside
 * it. Start one with {@link Eliot#startAction} or {@link Eliot#startTask}, then use one of three
 * forms:
 *
 * <pre>{@code
 * // 1. lambda: finishes by itself; an exception marks it failed and is rethrown unchanged
 * int total = Eliot.startAction("shop:checkout", "cart", cartId).call(() -> checkout(cartId));
 *
 * // 2. try-with-resources: succeeds only if succeed() was reached
 * try (ActionScope scope = Eliot.startAction("shop:checkout").scope()) {
 *     checkout(cartId);
 *     scope.succeed();
 * }
 *
 * // 3. context without finishing: finish explicitly, possibly much later
 * Action action = Eliot.startAction("shop:checkout");
 * try (ContextScope ignored = action.context()) { prepare(); }
 * action.finish();
 * }</pre>
 *
 * <p>An action may be used from several threads (its child slots are taken atomically) but is made
 * current only by the thread that enters it; to carry it to other threads use {@link
 * Eliot#preserveContext(Runnable)} or {@link #serializeTaskId()}. No method here throws into the
 * caller because of logging.
 */
public final class Action {

    /** The {@code action_type} of an action continuing a task from a serialized task id. */
    public static final String REMOTE_TASK = "eliot:remote_task";

    private static final VarHandle LAST_CHILD;
    private static final VarHandle FINISHED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            LAST_CHILD = lookup.findVarHandle(Action.class, "lastChild", int.class);
            FINISHED = lookup.findVarHandle(Action.class, "finished", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String taskUuid;
    private final TaskLevel taskLevel;
    private final String actionType;
    private final MessageSchema schema;
    // Fields updated atomically through VarHandles: one object per action, not three.
    private volatile int lastChild;
    private volatile boolean finished;
    private Map<String, Object> successFields; // guarded by this

    private Action(String taskUuid, TaskLevel taskLevel, String actionType, MessageSchema schema) {
        this.taskUuid = taskUuid;
        this.taskLevel = taskLevel;
        this.actionType = actionType;
        this.schema = schema;
    }

    /**
     * Starts an action inside {@code parent}, or a new task when {@code parent} is null, and logs
     * its {@code started} message with {@code fields} (owned by the new action from here on).
     * {@code schema} (nullable) serializes and validates its messages.
     */
    static Action start(Action parent, String actionType, Map<String, Object> fields, MessageSchema schema) {
        String type = actionType == null ? "null" : actionType;
        Action action = parent == null
                ? new Action(TaskUuids.next(), TaskLevel.ROOT, type, schema)
                : new Action(parent.taskUuid, parent.nextTaskLevel(), type, schema);
        action.log(ActionStatus.STARTED, fields);
        Tracebacks.reportCaptureFailures(action, type, fields);
        return action;
    }

    /** Starts an {@code eliot:remote_task} action at {@code level} of task {@code taskUuid}. */
    static Action continueAt(String taskUuid, TaskLevel level) {
        Action action = new Action(taskUuid, level, REMOTE_TASK, null);
        action.log(ActionStatus.STARTED, Map.of());
        return action;
    }

    /** The {@code task_uuid} of the task this action belongs to. */
    public String taskUuid() {
        return taskUuid;
    }

    /** This action's own level: its messages take the slots below it. */
    public TaskLevel taskLevel() {
        return taskLevel;
    }

    /** The {@code action_type}. */
    public String actionType() {
        return actionType;
    }

    /** Whether {@link #finish()} or {@link #finish(Throwable)} has been called. */
    public boolean isFinished() {
        return finished;
    }

    /**
     * Starts a child action of this one, whatever the current action of the calling thread is.
     *
     * @param fields fields of the {@code started} message
     */
    public Action startChild(String actionType, Map<String, ?> fields) {
        return start(this, actionType, UserFields.copy(fields, 0), null);
    }

    /** Starts a child action of this one; fields as alternating names and values. */
    public Action startChild(String actionType, Object... keyValues) {
        return start(this, actionType, UserFields.fromPairs(keyValues), null);
    }

    /**
     * Identifies the next position inside this action, for another process or thread to continue
     * the task there with {@link Eliot#continueTask(String)}: {@code "<task_uuid>@/2/3"}. Each call
     * takes a new child slot, so never reuse an id: serialize again for every retry.
     */
    public String serializeTaskId() {
        return taskUuid + "@" + nextTaskLevel().toPath();
    }

    /** Adds a field to the {@code succeeded} message; a later value for the same name wins. */
    public Action addSuccessField(String name, Object value) {
        List<CaptureFailure> failures;
        synchronized (this) {
            if (successFields == null) {
                successFields = new FieldMap(2);
            }
            failures = UserFields.put(successFields, name, value);
        }
        Tracebacks.reportCaptureFailures(this, actionType, name, failures);
        return this;
    }

    /** Adds fields to the {@code succeeded} message; later values for the same names win. */
    public Action addSuccessFields(Map<String, ?> fields) {
        if (fields != null) {
            fields.forEach(this::addSuccessField);
        }
        return this;
    }

    /** Finishes the action as succeeded, with the success fields. A second finish does nothing. */
    public void finish() {
        finish(null);
    }

    /**
     * Finishes the action: succeeded when {@code exception} is null, otherwise failed with
     * {@code exception} (its class name), {@code reason} and any fields registered extractors give.
     * A second finish does nothing.
     */
    public void finish(Throwable exception) {
        if (!FINISHED.compareAndSet(this, false, true)) {
            return;
        }
        if (exception == null) {
            Map<String, Object> fields;
            synchronized (this) {
                fields = successFields == null ? Map.of() : successFields;
                successFields = null;
            }
            log(ActionStatus.SUCCEEDED, fields);
        } else {
            log(ActionStatus.FAILED, Tracebacks.exceptionFields(exception, this));
        }
    }

    /**
     * Finishes the action as succeeded although {@code handled} was thrown, because it is normal
     * control flow (e.g. "not found"): the {@code succeeded} message carries the success fields plus
     * {@code handled_exception} (its class name) and {@code handled_reason}. A second finish does
     * nothing.
     */
    public void finishAsSuccess(Throwable handled) {
        addSuccessField("handled_exception", handled.getClass().getName());
        addSuccessField("handled_reason", io.eliot.core.internal.Throwables.reason(handled));
        finish();
    }

    /**
     * Runs {@code body} as this action's work: makes the action current, finishes it as succeeded
     * when {@code body} returns, or as failed when it throws, rethrowing the same exception.
     */
    public <E extends Throwable> void run(ThrowingRunnable<E> body) throws E {
        Action previous = CurrentAction.push(this);
        try {
            body.run();
            finish();
        } catch (Throwable t) {
            finish(t);
            throw t;
        } finally {
            CurrentAction.restore(previous);
        }
    }

    /**
     * Like {@link #run} for work that returns a value. The value is not logged; add it with
     * {@link #addSuccessField} inside {@code body} if it belongs in the log.
     */
    public <T, E extends Throwable> T call(ThrowingSupplier<T, E> body) throws E {
        Action previous = CurrentAction.push(this);
        try {
            T result = body.get();
            finish();
            return result;
        } catch (Throwable t) {
            finish(t);
            throw t;
        } finally {
            CurrentAction.restore(previous);
        }
    }

    /**
     * Makes this action current until the returned scope is closed, and finishes it then: as
     * succeeded only if {@link ActionScope#succeed()} was called, as failed with the exception given
     * to {@link ActionScope#fail(Throwable)}, otherwise as failed with {@link
     * ActionNotSucceededException}. Use with try-with-resources on the thread that calls it.
     */
    public ActionScope scope() {
        return new ActionScope(this, context());
    }

    /**
     * Makes this action current until the returned scope is closed, without finishing it. Use with
     * try-with-resources on the thread that calls it; finish the action yourself.
     */
    public ContextScope context() {
        return new ContextScope(this, CurrentAction.push(this), Thread.currentThread());
    }

    /** Takes the next child slot of this action. */
    TaskLevel nextTaskLevel() {
        return taskLevel.child((int) LAST_CHILD.getAndAdd(this, 1) + 1);
    }

    /** Logs a standalone message at the next child slot. {@code fields} is owned by the message. */
    void logMessage(String messageType, Map<String, Object> fields, MessageSchema messageSchema) {
        send(taskUuid, nextTaskLevel(), messageType, null, null, fields, messageSchema);
        Tracebacks.reportCaptureFailures(this, messageType, fields);
    }

    private void log(ActionStatus status, Map<String, Object> fields) {
        send(taskUuid, nextTaskLevel(), null, actionType, status, fields, schema);
    }

    /**
     * Stamps a message with the time, the global fields and the {@link ContextFields} and sends it;
     * {@code fields} is owned by it.
     */
    static void send(
            String taskUuid,
            TaskLevel level,
            String messageType,
            String actionType,
            ActionStatus status,
            Map<String, Object> fields,
            MessageSchema schema) {
        Destinations registry = Destinations.global();
        registry.send(MessageRecord.owned(
                taskUuid,
                level,
                Timestamps.nowMicros(),
                messageType,
                actionType,
                status,
                fields,
                ContextFieldSources.withContext(registry.globalFields()),
                schema));
    }

    @Override
    public String toString() {
        return "Action[" + actionType + " " + taskUuid + taskLevel.toPath() + (isFinished() ? " finished]" : "]");
    }
}
