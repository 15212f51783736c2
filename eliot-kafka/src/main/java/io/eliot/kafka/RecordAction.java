package io.eliot.kafka;

import io.eliot.core.Action;
import io.eliot.core.ContextScope;
import io.eliot.core.ThrowingRunnable;
import io.eliot.core.ThrowingSupplier;

/**
 * The processing of one consumed record: its {@code kafka:consume} action and, when the record
 * carried a task id, the {@code eliot:remote_task} around it. Made by {@link
 * EliotKafka#startProcessing}; finishing it finishes both.
 */
public final class RecordAction {

    private final Action remote;
    private final Action action;

    RecordAction(Action remote, Action action) {
        this.remote = remote;
        this.action = action;
    }

    /** The {@code kafka:consume} action. */
    public Action action() {
        return action;
    }

    /** Makes the {@code kafka:consume} action current on this thread until the scope is closed. */
    public ContextScope context() {
        return action.context();
    }

    /** Runs {@code body} inside the action and finishes it; see {@link Action#run}. */
    public <E extends Throwable> void run(ThrowingRunnable<E> body) throws E {
        try {
            action.run(body);
        } catch (Throwable t) {
            finishRemote(t);
            throw t;
        }
        finishRemote(null);
    }

    /** Like {@link #run} for work that returns a value. */
    public <T, E extends Throwable> T call(ThrowingSupplier<T, E> body) throws E {
        T result;
        try {
            result = action.call(body);
        } catch (Throwable t) {
            finishRemote(t);
            throw t;
        }
        finishRemote(null);
        return result;
    }

    /** Finishes the processing as succeeded. */
    public void finish() {
        finish(null);
    }

    /** Finishes the processing as failed with {@code exception} ({@code null}: succeeded). */
    public void finish(Throwable exception) {
        action.finish(exception);
        finishRemote(exception);
    }

    private void finishRemote(Throwable exception) {
        if (remote != null) {
            remote.finish(exception);
        }
    }
}
