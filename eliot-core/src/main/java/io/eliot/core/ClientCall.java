package io.eliot.core;

import java.util.Map;
import java.util.Optional;

/**
 * The outbound counterpart of {@link TaskContinuation}: one call to another service (an HTTP
 * request, an RPC, a message sent and awaited) as an action of this task, with a freshly
 * serialized task id to send along, so the other side continues the task inside this action.
 * Every client integration uses it: the Spring HTTP client interceptors, and your own client:
 *
 * <pre>{@code
 * ClientCall call = ClientCall.start("grpc:client_call", Map.of("method", method.getFullMethodName()));
 * headers.put(TASK_ID_KEY, call.newTaskId());      // TaskContinuation.TASK_ID_HEADER
 * ...
 * call.finish(exception);                            // or call.finishWithHttpStatus(status), call.finish()
 * }</pre>
 *
 * <p>Sending a task id without an action of its own (a message sent and forgotten) takes {@link
 * #currentTaskId()}. Finishing is exactly once, as for {@link ContinuedTask}: the first {@code
 * finish} wins, later ones from any thread do nothing and return {@code false}. Thread-safe; never
 * throws because of logging.
 */
public final class ClientCall {

    private final Action action;
    private final FinishOnce finish;

    private ClientCall(Action action) {
        this.action = action;
        this.finish = new FinishOnce(null, action);
    }

    /**
     * Starts a call as an action of {@code actionType} with start {@code fields}, inside the
     * action current on this thread (a new task when there is none).
     */
    public static ClientCall start(String actionType, Map<String, ?> fields) {
        return new ClientCall(Eliot.startAction(actionType, fields == null ? Map.of() : fields));
    }

    /**
     * A freshly serialized task id at the next position inside the action current on this thread,
     * for a message that has no action of its own; empty outside any action.
     */
    public static Optional<String> currentTaskId() {
        return Eliot.currentAction().map(Action::serializeTaskId);
    }

    /** The call's action. */
    public Action action() {
        return action;
    }

    /**
     * A freshly serialized task id inside the call's action, to send in {@value
     * TaskContinuation#TASK_ID_HEADER}. Each call takes a new position: one per request sent, a
     * new one for every retry.
     */
    public String newTaskId() {
        return action.serializeTaskId();
    }

    /** Whether {@code finish} has been called. */
    public boolean isFinished() {
        return finish.isFinished();
    }

    /** Makes the call's action current on this thread until the scope is closed, without finishing it. */
    public ContextScope context() {
        return action.context();
    }

    /** Finishes the call as succeeded; {@code false} if it was finished already. */
    public boolean finish() {
        return finish.finish(null, Map.of());
    }

    /** Finishes the call as failed with {@code exception} ({@code null}: succeeded); {@code false} if finished already. */
    public boolean finish(Throwable exception) {
        return finish.finish(exception, Map.of());
    }

    /**
     * Finishes the call: failed with {@code exception}, or, when it is null, succeeded with {@code
     * successFields}. Only the first call does anything.
     *
     * @return whether this call finished it
     */
    public boolean finish(Throwable exception, Map<String, ?> successFields) {
        return finish.finish(exception, successFields);
    }

    /**
     * Finishes an HTTP call with the response status: succeeded with field {@code status}, or, for
     * a 5xx, failed with {@link HttpServerErrorStatus}.
     *
     * @return whether this call finished it
     */
    public boolean finishWithHttpStatus(int status) {
        return finish.finishWithHttpStatus(status);
    }

    @Override
    public String toString() {
        return "ClientCall[" + action + "]";
    }
}
