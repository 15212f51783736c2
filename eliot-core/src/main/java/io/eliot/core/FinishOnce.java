package io.eliot.core;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/** Finishes an action, and the remote task around it if any, once: the first caller wins. */
final class FinishOnce {

    private final Action remote;
    private final Action action;
    private final AtomicBoolean finished = new AtomicBoolean();

    FinishOnce(Action remote, Action action) {
        this.remote = remote;
        this.action = action;
    }

    boolean isFinished() {
        return finished.get();
    }

    /** Failed with {@code exception}, or succeeded with {@code successFields}; whether this call finished. */
    boolean finish(Throwable exception, Map<String, ?> successFields) {
        if (!finished.compareAndSet(false, true)) {
            return false;
        }
        try {
            if (exception == null && successFields != null && !successFields.isEmpty()) {
                action.addSuccessFields(successFields);
            }
            action.finish(exception);
        } finally {
            if (remote != null) {
                remote.finish(exception);
            }
        }
        return true;
    }

    /** Succeeded with field {@code status}, or failed with {@link HttpServerErrorStatus} for a 5xx. */
    boolean finishWithHttpStatus(int status) {
        return finish(HttpServerErrorStatus.failureFor(status), Map.of("status", status));
    }
}
