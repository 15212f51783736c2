package io.eliot.core;

import java.util.Map;
import java.util.Optional;

/**
 * One incoming unit of work started by {@link TaskContinuation}: its action and, when it continues
 * a sender's task, the {@code eliot:remote_task} action around it. Finishing it finishes both, with
 * the same outcome, exactly once: the first {@code finish} wins and later ones, from any thread
 * (a servlet async listener and the request thread, a reactive cancel racing a completion), do
 * nothing and return {@code false}.
 *
 * <pre>{@code
 * ContinuedTask work = continuation.start(taskId, Map.of("queue", queue));
 * try (ContextScope ignored = work.context()) {
 *     handle(message);
 * }
 * work.finish(Map.of("status", "acked"));   // or work.finish(exception)
 * }</pre>
 *
 * <p>Thread-safe; never throws because of logging.
 */
public final class ContinuedTask {

    private final Action remote;
    private final Action action;
    private final FinishOnce finish;

    ContinuedTask(Action remote, Action action) {
        this.remote = remote;
        this.action = action;
        this.finish = new FinishOnce(remote, action);
    }

    /** The work's own action (of the continuation's action type). */
    public Action action() {
        return action;
    }

    /** The {@code eliot:remote_task} action around {@link #action()}, when a sender's task was continued. */
    public Optional<Action> remoteTask() {
        return Optional.ofNullable(remote);
    }

    /** Whether the work continues a sender's task (rather than being a new task). */
    public boolean isContinued() {
        return remote != null;
    }

    /** The {@code task_uuid} of the work's task: the sender's when continued. */
    public String taskUuid() {
        return action.taskUuid();
    }

    /** Whether {@code finish} has been called. */
    public boolean isFinished() {
        return finish.isFinished();
    }

    /**
     * Makes the work's action current on this thread until the scope is closed, without finishing
     * it. Use with try-with-resources.
     */
    public ContextScope context() {
        return action.context();
    }

    /**
     * Runs {@code body} inside the work's action and finishes the work: succeeded when it returns,
     * failed when it throws, rethrowing the same exception.
     */
    public <E extends Throwable> void run(ThrowingRunnable<E> body) throws E {
        try (ContextScope ignored = action.context()) {
            body.run();
        } catch (Throwable t) {
            finish(t);
            throw t;
        }
        finish();
    }

    /** Like {@link #run} for work that returns a value (not logged). */
    public <T, E extends Throwable> T call(ThrowingSupplier<T, E> body) throws E {
        T result;
        try (ContextScope ignored = action.context()) {
            result = body.get();
        } catch (Throwable t) {
            finish(t);
            throw t;
        }
        finish();
        return result;
    }

    /** Finishes the work as succeeded; {@code false} if it was finished already. */
    public boolean finish() {
        return finish(null, Map.of());
    }

    /** Finishes the work as failed with {@code exception} ({@code null}: succeeded); {@code false} if finished already. */
    public boolean finish(Throwable exception) {
        return finish(exception, Map.of());
    }

    /** Finishes the work as succeeded with {@code successFields}; {@code false} if finished already. */
    public boolean finish(Map<String, ?> successFields) {
        return finish(null, successFields);
    }

    /**
     * Finishes the work: failed with {@code exception}, or, when it is null, succeeded with {@code
     * successFields} added to the action's {@code succeeded} message. The remote task ends the same
     * way, without the fields. Only the first call does anything.
     *
     * @return whether this call finished the work
     */
    public boolean finish(Throwable exception, Map<String, ?> successFields) {
        return finish.finish(exception, successFields);
    }

    /**
     * Finishes HTTP work with its response status: succeeded with field {@code status}, or, for a
     * 5xx, failed with {@link HttpServerErrorStatus}.
     *
     * @return whether this call finished the work
     */
    public boolean finishWithHttpStatus(int status) {
        return finish.finishWithHttpStatus(status);
    }

    @Override
    public String toString() {
        return "ContinuedTask[" + action + (remote == null ? "" : " in " + remote) + "]";
    }
}
