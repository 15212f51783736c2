package io.eliot.core;

import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/** Runs two steps on two threads released at the same instant. */
final class Races {

    private Races() {}

    /** What each step returned. */
    static boolean[] race(BooleanSupplier first, BooleanSupplier second) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        boolean[] results = new boolean[2];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread a = new Thread(() -> results[0] = await(start, first, failure));
        Thread b = new Thread(() -> results[1] = await(start, second, failure));
        a.start();
        b.start();
        a.join();
        b.join();
        if (failure.get() != null) {
            throw new AssertionError("a racing step failed", failure.get());
        }
        return results;
    }

    private static boolean await(CyclicBarrier start, BooleanSupplier step, AtomicReference<Throwable> failure) {
        try {
            start.await();
            return step.getAsBoolean();
        } catch (Throwable t) {
            failure.set(t);
            return false;
        }
    }
}
