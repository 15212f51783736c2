package io.eliot.core.serialization;

/** A message could not be encoded as JSON; see {@link JsonLineEncoder#encodeStrictly}. */
public final class SerializationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An exception whose message names the failing field. */
    public SerializationException(String message, Throwable cause) {
        super(message, cause);
    }
}
