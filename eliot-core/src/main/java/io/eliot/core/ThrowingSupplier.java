package io.eliot.core;

/**
 * A computation that may throw {@code E}; the body of {@link Action#call}.
 *
 * @param <T> the result
 * @param <E> what it may throw; inferred from the lambda
 */
@FunctionalInterface
public interface ThrowingSupplier<T, E extends Throwable> {
    /** Computes the result. */
    T get() throws E;
}
