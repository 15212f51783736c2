package io.eliot.core;

/**
 * A serialized task id given to {@link Eliot#continueTask(String)} was not of the form
 * {@code <uuid>@/<level>/<level>...}. The message names the problem and quotes at most a short,
 * escaped excerpt of the input.
 */
public final class InvalidTaskIdException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that already names the problem. */
    public InvalidTaskIdException(String message) {
        super(message);
    }
}
