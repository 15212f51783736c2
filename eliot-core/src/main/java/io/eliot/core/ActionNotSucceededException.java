package io.eliot.core;

/**
 * Recorded, never thrown: the {@code exception} of an action whose {@link ActionScope} was closed
 * before {@link ActionScope#succeed()} was called, which means an exception escaped the block or it
 * returned early. Lets a try-with-resources block never report an exception as success.
 */
public final class ActionNotSucceededException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ActionNotSucceededException() {
        super(
                "the action's scope was closed before succeed() was called: an exception escaped the block, or it returned early",
                null,
                false,
                false);
    }
}
