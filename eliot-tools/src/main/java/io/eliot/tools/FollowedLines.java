package io.eliot.tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The lines of a file that is still being written, like {@code tail -f}: at the end of the file it
 * waits for more; a line is handed over only once its newline has been written.
 */
final class FollowedLines implements AutoCloseable {

    private final Reader reader;
    private final long pollMillis;
    private final char[] buffer = new char[1 << 16];
    private final StringBuilder partial = new StringBuilder();
    private int position;
    private int limit;

    FollowedLines(Path file, long pollMillis) throws IOException {
        InputStream in = Files.newInputStream(file);
        this.reader = new InputStreamReader(in, StandardCharsets.UTF_8);
        this.pollMillis = pollMillis;
    }

    /**
     * The next complete line, without its newline; waits while the file has no more.
     *
     * @param idle run each time the end of the file is reached, before waiting (e.g. to flush output)
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    String next(Runnable idle) throws IOException, InterruptedException {
        while (true) {
            while (position < limit) {
                char c = buffer[position++];
                if (c == '\n') {
                    String line = partial.toString();
                    partial.setLength(0);
                    return line;
                }
                partial.append(c);
            }
            limit = reader.read(buffer, 0, buffer.length);
            position = 0;
            if (limit <= 0) {
                limit = 0;
                idle.run();
                Thread.sleep(pollMillis);
            }
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
