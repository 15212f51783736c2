package io.eliot.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The standard output of a child JVM a test started, line by line, echoed with {@code [child]}. */
public final class ChildOutput {

    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread reader;

    /** Starts reading {@code child}'s output on a daemon thread until it ends. */
    public ChildOutput(Process child) {
        reader = new Thread(
                () -> {
                    try (BufferedReader in =
                            new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line; (line = in.readLine()) != null; ) {
                            System.out.println("[child] " + line);
                            lines.add(line);
                        }
                    } catch (IOException ignored) {
                        // the child is gone
                    }
                },
                "child-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** The next line starting with {@code prefix}, skipping the others; fails after 120 s. */
    public String awaitLine(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertThat(line)
                    .as("the child printed a line starting with '%s' in time", prefix)
                    .isNotNull();
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    /** Waits up to {@code millis} for the child's output to end. */
    public void join(long millis) throws InterruptedException {
        reader.join(millis);
    }
}
