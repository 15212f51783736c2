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

class FollowTest {

    @TempDir
    Path dir;

    @Test
    void treeFollowsAGrowingFileAndDrawsEachTaskWhenItCompletes() throws Exception {
        List<String> lines = Tool.resource("java-app.log").lines().toList();
        String firstPart =
                String.join("\n", lines.subList(0, 4)) + "\n" + lines.get(4).substring(0, 20);
        String rest = lines.get(4).substring(20) + "\n" + String.join("\n", lines.subList(5, lines.size())) + "\n";
        Path log = dir.resolve("growing.log");
        Files.writeString(log, firstPart);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int[] exit = {-1};
        Thread follower = new Thread(() -> exit[0] = EliotTools.run(
                List.of("tree", "--follow", log.toString()),
                new ByteArrayInputStream(new byte[0]),
                out,
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        follower.start();
        try {
            Thread.sleep(600);
            assertThat(out.size()).as("nothing complete yet").isZero();
            assertThat(err.size()).as("the half-written line is not read yet").isZero();

            Files.writeString(log, rest, StandardOpenOption.APPEND);

            String expected = Tool.resource("java-app.tree.txt");
            await(() -> out.toString(StandardCharsets.UTF_8).equals(expected));
            assertThat(follower.isAlive()).as("still following").isTrue();
        } finally {
            follower.interrupt();
            follower.join(10_000);
        }
        assertThat(follower.isAlive()).isFalse();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(Tool.resource("java-app.tree.txt"));
        assertThat(exit[0]).isZero();
    }

    @Test
    void followNeedsOneFile() {
        assertThat(Tool.run("tree", "--follow").stderr())
                .startsWith("eliot-tree: --follow needs exactly one FILE (standard input is followed anyway)\n");
        assertThat(Tool.run("prettyprint", "-f", "a.log", "b.log").exit()).isEqualTo(EliotTools.USAGE_ERROR);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
