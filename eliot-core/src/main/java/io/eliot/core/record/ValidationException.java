package io.eliot.core.record;

import io.eliot.core.ActionType;
import io.eliot.core.MessageType;

/** A message does not match its {@link MessageType} or {@link ActionType}; raised only by validation. */
public final class ValidationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An exception whose message names the problem. */
    public ValidationException(String message) {
        super(message);
    }

    /** An exception whose message names the problem, caused by {@code cause}. */
    public ValidationException(String message, Throwable cause) {
        super(message, cause);
    }
}
