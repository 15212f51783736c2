package io.eliot.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -f}: the tools read a file as it grows. Each test waits for the tool to have reached the
 * end of what is written (it flushes its output there), never for a time.
 */
class FollowTest {

    @TempDir
    Path dir;

    /** The first four lines of java-app.log and 20 characters of the fifth, without its newline. */
    private Path halfWrittenLog(List<String> lines) throws Exception {
        String firstPart =
                String.join("\n", lines.subList(0, 4)) + "\n" + lines.get(4).substring(0, 20);
        Path log = dir.resolve("growing.log");
        Files.writeString(log, firstPart);
        return log;
    }

    private static String rest(List<String> lines) {
        return lines.get(4).substring(20) + "\n" + String.join("\n", lines.subList(5, lines.size())) + "\n";
    }

    @Test
    void treeFollowsAGrowingFileAndDrawsEachTaskWhenItCompletes() throws Exception {
        List<String> lines = Tool.resource("java-app.log").lines().toList();
        Path log = halfWrittenLog(lines);
        FlushCountingOutput out = new FlushCountingOutput();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int[] exit = {-1};
        Thread follower = follow(List.of("tree", "--follow", log.toString()), out, err, exit);
        try {
            out.awaitFlushAfter(0); // read up to the end of the file
            assertThat(out.text()).as("nothing complete yet").isEmpty();
            assertThat(err.size()).as("the half-written line is not read yet").isZero();

            Files.writeString(log, rest(lines), StandardOpenOption.APPEND);

            String expected = Tool.resource("java-app.tree.txt");
            await(() -> out.text().equals(expected));
            assertThat(follower.isAlive()).as("still following").isTrue();
        } finally {
            follower.interrupt();
            follower.join(10_000);
        }
        assertThat(follower.isAlive()).isFalse();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(out.text()).isEqualTo(Tool.resource("java-app.tree.txt"));
        assertThat(exit[0]).isZero();
    }

    @Test
    void prettyprintFollowsAGrowingFileAndPrintsEachLineOnceItsNewlineIsWritten() throws Exception {
        List<String> lines = Tool.resource("java-app.log").lines().toList();
        Path log = halfWrittenLog(lines);
        FlushCountingOutput out = new FlushCountingOutput();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int[] exit = {-1};
        Thread follower = follow(List.of("prettyprint", "-c", "-f", log.toString()), out, err, exit);
        String all = Tool.run("prettyprint", "-c", Tool.path("java-app.log")).stdout();
        List<String> expected = all.lines().toList();
        try {
            out.awaitFlushAfter(0);
            assertThat(out.text().lines())
                    .as("the four whole lines, not the half-written one")
                    .isEqualTo(expected.subList(0, 4));
            assertThat(err.size()).isZero();

            Files.writeString(log, rest(lines), StandardOpenOption.APPEND);

            await(() -> out.text().equals(all));
        } finally {
            follower.interrupt();
            follower.join(10_000);
        }
        assertThat(follower.isAlive()).isFalse();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(exit[0]).isZero();
    }

    private static Thread follow(List<String> args, FlushCountingOutput out, ByteArrayOutputStream err, int[] exit) {
        Thread follower = new Thread(() -> exit[0] = EliotTools.run(
                args, new ByteArrayInputStream(new byte[0]), out, new PrintStream(err, true, StandardCharsets.UTF_8)));
        follower.start();
        return follower;
    }

    @Test
    void followNeedsOneFile() {
        assertThat(Tool.run("tree", "--follow").stderr())
                .startsWith("eliot-tree: --follow needs exactly one FILE (standard input is followed anyway)\n");
        assertThat(Tool.run("prettyprint", "-f", "a.log", "b.log").exit()).isEqualTo(EliotTools.USAGE_ERROR);
    }

    /** Polls {@code condition} (the state the test waits for) for at most 10 s. */
    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
