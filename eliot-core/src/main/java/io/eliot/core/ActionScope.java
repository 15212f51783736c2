package io.eliot.core;

import java.util.Map;

/**
 * Try-with-resources form of an action; see {@link Action#scope()}. The action succeeds only when
 * {@link #succeed()} was called, so an exception escaping the block can never be logged as success:
 *
 * <pre>{@code
 * try (ActionScope scope = Eliot.startAction("db:store", "key", key).scope()) {
 *     store(key, value);
 *     scope.succeed();   // last statement of the block
 * }
 * }</pre>
 *
 * <p>If the block throws, the action is logged as failed with {@link ActionNotSucceededException}
 * (Java cannot show {@code close()} the exception in flight). To log the real exception, call
 * {@link #fail(Throwable)} in a catch inside the block, or use {@link Action#run}/{@link
 * Action#call}, which always record it.
 */
public final class ActionScope implements AutoCloseable {

    private final Action action;
    private final ContextScope context;
    private boolean succeeded;
    private Throwable failure;

    ActionScope(Action action, ContextScope context) {
        this.action = action;
        this.context = context;
    }

    /** The action this scope finishes. */
    public Action action() {
        return action;
    }

    /** Marks the block as done: the action succeeds when the scope closes. */
    public void succeed() {
        succeeded = true;
    }

    /** Marks the block as done with {@code successFields} added to the {@code succeeded} message. */
    public void succeed(Map<String, ?> successFields) {
        action.addSuccessFields(successFields);
        succeeded = true;
    }

    /** Records why the block failed: the action fails with {@code exception} when the scope closes. */
    public void fail(Throwable exception) {
        failure = exception;
    }

    /** Finishes the action as described above and restores the previous context. Never throws. */
    @Override
    public void close() {
        try {
            if (failure != null) {
                action.finish(failure);
            } else if (succeeded) {
                action.finish();
            } else {
                action.finish(new ActionNotSucceededException());
            }
        } finally {
            context.close();
        }
    }
}
