package io.eliot.core.internal;

/**
 * Per thread, how deep it is inside writing a message: above zero, a message it logs would recurse
 * into the destinations, so the registry drops and counts it instead. A thread that only writes
 * messages (an asynchronous destination's writer) is marked for good.
 */
public final class WritingThreads {

    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private WritingThreads() {}

    /** The calling thread's depth counter, one slot to increment and decrement around a write. */
    public static int[] depth() {
        return DEPTH.get();
    }

    /** Marks the calling thread as one that only writes messages: whatever it logs is dropped. */
    public static void markWriter() {
        DEPTH.get()[0]++;
    }
}
