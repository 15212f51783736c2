package io.eliot.tools;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Standard output for a tool that follows its input: keeps what is written and counts flushes. The
 * tools flush each time they reach the end of what has been written so far, so a flush means "all
 * of it has been read and printed".
 */
final class FlushCountingOutput extends OutputStream {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final AtomicInteger flushes = new AtomicInteger();

    @Override
    public synchronized void write(int b) {
        bytes.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        bytes.write(b, off, len);
    }

    @Override
    public void flush() {
        flushes.incrementAndGet();
    }

    int flushes() {
        return flushes.get();
    }

    synchronized String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Waits until the tool has flushed more than {@code seen} times, at most 30 s. */
    void awaitFlushAfter(int seen) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (flushes.get() <= seen) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the tool did not reach the end of its input in 30 s");
            }
            Thread.sleep(5);
        }
    }
}
