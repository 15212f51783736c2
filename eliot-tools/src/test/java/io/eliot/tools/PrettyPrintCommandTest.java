package io.eliot.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrettyPrintCommandTest {

    @TempDir
    Path dir;

    @Test
    void printsOneBlockPerMessageOfALogWrittenByThisLibrary() {
        Tool.Result r = Tool.run("prettyprint", Tool.path("java-app.log"));

        assertThat(r.exit()).isZero();
        assertThat(r.stdout()).isEqualTo(Tool.resource("java-app.pretty.txt"));
    }

    @Test
    void printsOneBlockPerMessageOfALogWrittenByPythonEliot() {
        Tool.Result r = Tool.run("prettyprint", Tool.path("python-app.log"));

        assertThat(r.exit()).isZero();
        assertThat(r.stdout()).isEqualTo(Tool.resource("python-app.pretty.txt"));
    }

    /**
     * The expected file is Python Eliot 1.13's {@code eliot-prettyprint --compact} output on the
     * same log, except that non-ASCII text is printed as UTF-8 rather than as {@code \\u} escapes.
     */
    @Test
    void compactPrintsOneLinePerMessageAsPythonEliotDoes() {
        Tool.Result r = Tool.run("prettyprint", "--compact", Tool.path("python-app.log"));

        assertThat(r.exit()).isZero();
        assertThat(r.stdout()).isEqualTo(Tool.resource("python-app.compact.txt"));
    }

    @Test
    void selectsMessagesByUuidTimeAndQuery() {
        Tool.Result r = Tool.run(
                "prettyprint",
                "-c",
                "-u",
                "11323ced-8745-4b2f-a7f5-a980aaf43e18",
                "--start",
                "2026-11-25T20:33:17.395Z",
                "--select",
                "action_type~^shop:(price|order)$",
                Tool.path("java-app.log"));

        assertThat(r.stdout()).isEqualTo("""
                        11323ced-8745-4b2f-a7f5-a980aaf43e18/3/2 2026-11-25T20:33:17.395927Z action_type="shop:price" action_status="succeeded" currency="EUR" total=12.5
                        11323ced-8745-4b2f-a7f5-a980aaf43e18/5 2026-11-25T20:33:17.396896Z action_type="shop:order" action_status="succeeded"
                        """);
    }

    @Test
    void reportsMalformedLinesAndPrintsTheRest() throws IOException {
        List<String> lines =
                new ArrayList<>(Tool.resource("java-app.log").lines().toList());
        lines.add(0, "{oops");
        Path log = dir.resolve("bad.log");
        Files.write(log, lines);

        Tool.Result r = Tool.run("prettyprint", log.toString());

        assertThat(r.exit()).isEqualTo(EliotTools.INPUT_PROBLEM);
        assertThat(r.stderr()).startsWith("eliot-prettyprint: " + log + ":1: not JSON: ");
        assertThat(r.stdout()).isEqualTo(Tool.resource("java-app.pretty.txt"));
    }

    @Test
    void treeOnlyOptionsAreUsageErrors() {
        assertThat(Tool.run("prettyprint", "--ascii").exit()).isEqualTo(EliotTools.USAGE_ERROR);
        assertThat(Tool.run("prettyprint", "-l", "3").exit()).isEqualTo(EliotTools.USAGE_ERROR);
    }
}
