package io.eliot.core;

/**
 * A block of work that may throw {@code E}; the body of {@link Action#run}.
 *
 * @param <E> what it may throw; inferred from the lambda ({@link RuntimeException} when it throws
 *     no checked exception)
 */
@FunctionalInterface
public interface ThrowingRunnable<E extends Throwable> {
    /** Does the work. */
    void run() throws E;
}
