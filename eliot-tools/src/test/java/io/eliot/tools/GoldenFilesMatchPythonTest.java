package io.eliot.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.testsupport.PythonEliot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The golden files, and what the tools print, agree with what Python Eliot works out for the same
 * log ({@code expected_by_python.py}): trees built by Python's own parser, prettyprint's header,
 * timestamp and field order from Python's {@code eliot.prettyprint}, {@code --compact} from its
 * {@code compact_format}. Skipped, with the reason printed, without Python Eliot.
 */
class GoldenFilesMatchPythonTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {1} = {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "java-app.log   | tree             | java-app.tree.txt",
                "python-app.log | tree             | python-app.tree.txt",
                "python-app.log | tree --ascii -l 0 | python-app.tree-ascii-l0.txt",
                "java-app.log   | pretty           | java-app.pretty.txt",
                "python-app.log | pretty           | python-app.pretty.txt",
                "python-app.log | compact          | python-app.compact.txt",
            })
    void goldenFileIsWhatPythonEliotWorksOut(String log, String mode, String golden) throws Exception {
        PythonEliot python = PythonEliot.findOrSkip("GoldenFilesMatchPythonTest");
        List<String> words = List.of(mode.split(" "));

        String expected = expectedByPython(python, words, Tool.path(log));

        assertThat(Tool.resource(golden)).as("the golden file").isEqualTo(expected);
        assertThat(Tool.run(toolArgs(words, Tool.path(log))).stdout())
                .as("the tool")
                .isEqualTo(expected);
    }

    /** Replay one seed with {@code -Deliot.seed=N}; otherwise fixed seeds and one fresh one. */
    static Stream<Long> seeds() {
        String replay = System.getProperty("eliot.seed");
        if (replay != null) {
            return Stream.of(Long.parseLong(replay));
        }
        return Stream.concat(LongStream.rangeClosed(1, 6).boxed(), Stream.of(System.nanoTime() % 1_000_000_007L));
    }

    /**
     * Random logs written by Python Eliot (nested and failing actions, nested, empty and multi-line
     * values) are drawn and pretty-printed as Python Eliot works out.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomPythonLogsAreDrawnAsPythonEliotWorksOut(long seed) throws Exception {
        PythonEliot python = PythonEliot.findOrSkip("GoldenFilesMatchPythonTest");
        Path log = dir.resolve("random.log");
        python.run(List.of(Tool.path("random_python_log.py"), Long.toString(seed), log.toString()));
        String replay = "seed " + seed + "; replay with -Deliot.seed=" + seed;

        for (String mode : List.of("tree", "tree --ascii -l 0", "tree -l 7", "pretty", "compact")) {
            List<String> words = List.of(mode.split(" "));
            String expected = expectedByPython(python, words, log.toString());
            Tool.Result r = Tool.run(toolArgs(words, log.toString()));
            assertThat(r.stderr()).as("%s (%s)", mode, replay).isEmpty();
            assertThat(r.stdout()).as("%s (%s)", mode, replay).isEqualTo(expected);
        }
    }

    private static String expectedByPython(PythonEliot python, List<String> mode, String log) throws Exception {
        List<String> args = new ArrayList<>();
        args.add(Tool.path("expected_by_python.py"));
        args.addAll(mode);
        args.add(log);
        return python.run(args);
    }

    private static String[] toolArgs(List<String> mode, String log) {
        List<String> args = new ArrayList<>();
        switch (mode.get(0)) {
            case "tree" -> args.addAll(mode);
            case "pretty" -> args.add("prettyprint");
            case "compact" -> args.addAll(List.of("prettyprint", "--compact"));
            default -> throw new IllegalArgumentException(mode.toString());
        }
        args.add(log);
        return args.toArray(String[]::new);
    }
}
