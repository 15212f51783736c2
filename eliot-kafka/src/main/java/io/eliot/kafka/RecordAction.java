package io.eliot.kafka;

import io.eliot.core.Action;
import io.eliot.core.ContextScope;
import io.eliot.core.ContinuedTask;
import io.eliot.core.ThrowingRunnable;
import io.eliot.core.ThrowingSupplier;

/**
 * The processing of one consumed record: its {@code kafka:consume} action and, when the record
 * carried a task id, the {@code eliot:remote_task} around it. Made by {@link
 * EliotKafka#startProcessing}; finishing it finishes both, once (see {@link ContinuedTask}).
 */
public final class RecordAction {

    private final ContinuedTask task;

    RecordAction(ContinuedTask task) {
        this.task = task;
    }

    /** The {@code kafka:consume} action. */
    public Action action() {
        return task.action();
    }

    /** The processing as core's continued task, for finishing with success fields. */
    public ContinuedTask task() {
        return task;
    }

    /** Makes the {@code kafka:consume} action current on this thread until the scope is closed. */
    public ContextScope context() {
        return task.context();
    }

    /** Runs {@code body} inside the action and finishes it; see {@link ContinuedTask#run}. */
    public <E extends Throwable> void run(ThrowingRunnable<E> body) throws E {
        task.run(body);
    }

    /** Like {@link #run} for work that returns a value. */
    public <T, E extends Throwable> T call(ThrowingSupplier<T, E> body) throws E {
        return task.call(body);
    }

    /** Finishes the processing as succeeded. */
    public void finish() {
        task.finish();
    }

    /** Finishes the processing as failed with {@code exception} ({@code null}: succeeded). */
    public void finish(Throwable exception) {
        task.finish(exception);
    }
}
