package io.eliot.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.testsupport.PythonEliot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code eliot-tools html}, run in this JVM: the page it writes, where it writes it, and its errors. */
class HtmlCommandTest {

    private static final String ORDER = "11323ced-8745-4b2f-a7f5-a980aaf43e18";
    private static final String VALIDATE = "cdace62a-b6cd-48be-9d9d-1086adec52bb";
    private static final String STARTUP = "b47cdb4a-0991-4986-8156-34d19e8bbfe6";

    @TempDir
    Path dir;

    @Test
    void writesOneSelfContainedPageWithEveryTaskOfTheLog() throws IOException {
        Path log = copy("java-app.log", "app.log");
        Path out = dir.resolve("out.html");

        Tool.Result r = Tool.run("html", log.toString(), "-o", out.toString());

        assertThat(r).isEqualTo(new Tool.Result(EliotTools.OK, "", ""));
        String html = Files.readString(out);
        HtmlPage.assertSelfContained(html);
        assertThat(html).contains("<title>" + log + "</title>");
        Map<String, JsonNode> tasks = HtmlPage.tasks(html);
        assertThat(tasks).containsOnlyKeys(ORDER, VALIDATE, STARTUP);
        for (Map.Entry<String, Integer> e : messagesPerTask(log).entrySet()) {
            JsonNode task = tasks.get(e.getKey());
            assertThat(task.get("message_count").asInt()).as(e.getKey()).isEqualTo(e.getValue());
            assertThat(task.get("complete").asBoolean()).isTrue();
        }
        assertThat(tasks.get(VALIDATE).get("status").asString()).isEqualTo("failed");
        assertThat(files()).as("nothing but the page is left in its directory").containsExactly("app.log", "out.html");
    }

    @Test
    void theTitleNamesTheInputs() throws IOException {
        Path a = copy("java-app.log", "a.log");
        Path b = copy("python-app.log", "b.log");
        Path out = dir.resolve("out.html");

        assertThat(Tool.run("html", "-o", out.toString(), a.toString(), b.toString())
                        .exit())
                .isZero();
        assertThat(Files.readString(out)).contains("<title>" + a + ", " + b + "</title>");

        Tool.Result stdin = Tool.runWithInput(Files.readAllBytes(a), "html");
        assertThat(stdin.stdout()).contains("<title>standard input</title>");
    }

    @Test
    void selectsTheTasksTreeSelectsForTheSameOptions() {
        String log = Tool.path("java-app.log");
        List<List<String>> filters = List.of(
                List.of("-u", VALIDATE, "--task-uuid", STARTUP),
                List.of("--select", "action_status=failed"),
                List.of("--select", "message_type=shop:startup"),
                List.of("--select", "action_type=shop:reserve"),
                List.of("--select", "order.sku=A-1", "--select", "total=12.5"),
                List.of("--start", "2026-11-25T20:33:17.397Z"),
                List.of("--end", "2026-11-25T20:33:17.397072Z"),
                List.of("--start=2026-11-25T21:33:17.39+01:00", "--end", "2026-11-25T20:33:17.401"),
                List.of("--start", "2026-11-26"));
        for (List<String> filter : filters) {
            List<String> tree = treeUuids(args("tree", filter, log));
            Tool.Result html = Tool.run(args("html", filter, log));

            assertThat(html.exit()).as("%s: %s", filter, html.stderr()).isZero();
            assertThat(HtmlPage.uuids(html.stdout())).as("%s", filter).isEqualTo(tree);
        }
        assertThat(HtmlPage.uuids(Tool.run("html", "-u", VALIDATE, log).stdout()))
                .containsExactly(VALIDATE);
        assertThat(HtmlPage.uuids(Tool.run("html", "--start", "2026-11-26", log).stdout()))
                .isEmpty();
    }

    @Test
    void readsStandardInputAndWritesStandardOutputWithoutOOrWithDash() throws IOException {
        byte[] log = Tool.resource("java-app.log").getBytes(StandardCharsets.UTF_8);
        Path out = dir.resolve("out.html");

        Tool.Result none = Tool.runWithInput(log, "html");
        Tool.Result dash = Tool.runWithInput(log, "html", "-o", "-", "-");
        Tool.Result file = Tool.runWithInput(log, "html", "--output=" + out);

        assertThat(none.exit()).isZero();
        HtmlPage.assertSelfContained(none.stdout());
        assertThat(HtmlPage.uuids(none.stdout())).containsExactly(ORDER, VALIDATE, STARTUP);
        assertThat(dash.stdout()).isEqualTo(none.stdout());
        assertThat(file.stdout()).isEmpty();
        assertThat(Files.readString(out)).isEqualTo(none.stdout());
    }

    @Test
    void readsTheCommittedLogWrittenByPythonEliot() {
        String log = Tool.path("python-app.log");

        Tool.Result r = Tool.run("html", log);

        assertThat(r.stderr()).isEmpty();
        assertThat(HtmlPage.uuids(r.stdout())).isEqualTo(treeUuids(List.of("tree", log)));
        JsonNode failing = HtmlPage.tasks(r.stdout()).get("f356593c-6599-4072-8128-f29dd748b7f9");
        assertThat(failing.get("root").get("exception").asString()).isEqualTo("builtins.ValueError");
        assertThat(failing.get("root").get("reason").asString()).isEqualTo("bad input: été");
    }

    /**
     * A log Python Eliot writes now (nested and failing actions, a message with markup in a field, values
     * of every JSON kind): every task is in the page with all its messages.
     */
    @Test
    void readsALogPythonEliotWritesNow() throws Exception {
        PythonEliot python = PythonEliot.findOrSkip("HtmlCommandTest");
        Path log = dir.resolve("python.log");
        python.run(List.of(Tool.path("random_python_log.py"), "11", log.toString()));
        python.run(List.of("-c", """
                import sys
                from eliot import start_task, log_message, to_file
                to_file(open(sys.argv[1], "a", encoding="utf-8"))
                try:
                    with start_task(action_type="py:<script>alert(1)</script>", n=1.5):
                        log_message(message_type="py:note", html="<img src=x onerror=alert(2)>", none=None)
                        raise KeyError("</script>")
                except KeyError:
                    pass
                """, log.toString()));
        Path out = dir.resolve("python.html");

        Tool.Result r = Tool.run("html", "-o", out.toString(), log.toString());

        assertThat(r).isEqualTo(new Tool.Result(EliotTools.OK, "", ""));
        String html = Files.readString(out);
        HtmlPage.assertSelfContained(html);
        assertThat(html).doesNotContain("<script>alert", "<img src=x");
        Map<String, Integer> expected = messagesPerTask(log);
        Map<String, JsonNode> tasks = HtmlPage.tasks(html);
        assertThat(tasks.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach(
                (uuid, count) -> assertThat(tasks.get(uuid).get("message_count").asInt())
                        .as(uuid)
                        .isEqualTo(count));
        JsonNode hostile = tasks.values().stream()
                .filter(t -> t.get("type").asString().startsWith("py:<script>"))
                .findFirst()
                .orElseThrow();
        assertThat(hostile.get("status").asString()).isEqualTo("failed");
        assertThat(hostile.get("root").get("exception").asString()).isEqualTo("builtins.KeyError");
    }

    @Test
    void includesIncompleteTasksAfterTheCompleteOnesMarkedIncomplete() throws IOException {
        List<String> lines = Tool.resource("java-app.log").lines().toList();
        Path log = dir.resolve("cut.log");
        List<String> cut = new ArrayList<>(lines.subList(8, 9)); // shop:validate started only
        cut.addAll(lines.subList(10, 11)); // shop:startup
        Files.write(log, cut);

        Tool.Result r = Tool.run("html", log.toString());

        assertThat(r.exit()).isZero();
        Map<String, JsonNode> tasks = HtmlPage.tasks(r.stdout());
        assertThat(tasks.keySet()).containsExactly(STARTUP, VALIDATE);
        assertThat(tasks.get(VALIDATE).get("complete").asBoolean()).isFalse();
        assertThat(tasks.get(STARTUP).get("complete").asBoolean()).isTrue();
    }

    @Test
    void anUnreadableInputIsReportedAndThePageHoldsTheRest() throws IOException {
        Path out = dir.resolve("out.html");
        String missing = dir.resolve("missing.log").toString();

        Tool.Result r = Tool.run("html", "-o", out.toString(), missing, Tool.path("java-app.log"));

        assertThat(r.exit()).isEqualTo(EliotTools.INPUT_PROBLEM);
        assertThat(r.stderr()).isEqualTo("eliot-html: " + missing + ": no such file\n");
        assertThat(HtmlPage.uuids(Files.readString(out))).containsExactly(ORDER, VALIDATE, STARTUP);
    }

    @Test
    void whenNoInputCanBeReadTheOutputIsLeftAsItWas() throws IOException {
        Path out = Files.writeString(dir.resolve("out.html"), "the old page");
        String missing = dir.resolve("missing.log").toString();

        Tool.Result r = Tool.run("html", "-o", out.toString(), missing);

        assertThat(r)
                .isEqualTo(new Tool.Result(
                        EliotTools.INPUT_PROBLEM,
                        "",
                        "eliot-html: " + missing + ": no such file\n" + "eliot-html: " + out
                                + ": not written: no task could be read\n"));
        assertThat(Files.readString(out)).isEqualTo("the old page");
        assertThat(files()).containsExactly("out.html");
    }

    @Test
    void aFilterThatSelectsNothingWritesAnEmptyPage() throws IOException {
        Path out = dir.resolve("out.html");

        Tool.Result r = Tool.run("html", "-o", out.toString(), "-u", "no-such-task", Tool.path("java-app.log"));

        assertThat(r).isEqualTo(new Tool.Result(EliotTools.OK, "", ""));
        HtmlPage.assertSelfContained(Files.readString(out));
        assertThat(HtmlPage.uuids(Files.readString(out))).isEmpty();
    }

    @Test
    void anOutputThatCannotBeWrittenIsAUsageErrorAndLeavesNothingBehind() throws IOException {
        Path log = copy("java-app.log", "app.log");
        Path noDir = dir.resolve("no/such/dir/out.html");
        Path underFile = log.resolve("out.html");
        Path existing = Files.writeString(dir.resolve("old.html"), "the old page");

        Tool.Result missingDir = Tool.run("html", "-o", noDir.toString(), log.toString());
        Tool.Result parentIsFile = Tool.run("html", "-o", underFile.toString(), log.toString());
        Tool.Result isDir = Tool.run("html", "-o", dir.toString(), log.toString());

        assertThat(missingDir)
                .isEqualTo(new Tool.Result(
                        EliotTools.USAGE_ERROR,
                        "",
                        "eliot-html: " + noDir + ": cannot write: no such directory " + noDir.getParent() + "\n"));
        assertThat(parentIsFile)
                .isEqualTo(new Tool.Result(
                        EliotTools.USAGE_ERROR,
                        "",
                        "eliot-html: " + underFile + ": cannot write: no such directory " + log + "\n"));
        assertThat(isDir)
                .isEqualTo(new Tool.Result(
                        EliotTools.USAGE_ERROR, "", "eliot-html: " + dir + ": cannot write: is a directory\n"));
        assertThat(Files.readString(existing)).isEqualTo("the old page");
        assertThat(files()).containsExactly("app.log", "old.html");
    }

    @Test
    void anInputIsNeverWrittenOver() throws IOException {
        Path log = copy("java-app.log", "app.log");
        Path sameThroughALink = Files.createSymbolicLink(dir.resolve("link.log"), log);

        Tool.Result r = Tool.run("html", "-o", sameThroughALink.toString(), log.toString());

        assertThat(r)
                .isEqualTo(new Tool.Result(
                        EliotTools.USAGE_ERROR,
                        "",
                        "eliot-html: " + sameThroughALink + ": cannot write: it is one of the inputs\n"));
        assertThat(Files.readString(log)).isEqualTo(Tool.resource("java-app.log"));
        assertThat(files()).containsExactly("app.log", "link.log");
    }

    @Test
    void aPageWrittenOverAnOlderOneReplacesItWholeAndKeepsItsPermissions() throws IOException {
        Path log = copy("java-app.log", "app.log");
        Path out = Files.writeString(dir.resolve("out.html"), "the old page");
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-r-----"));

        Tool.Result r = Tool.run("html", "-o", out.toString(), log.toString());

        assertThat(r.exit()).isZero();
        assertThat(HtmlPage.uuids(Files.readString(out))).containsExactly(ORDER, VALIDATE, STARTUP);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out)))
                .isEqualTo("rw-r-----");
        assertThat(files()).containsExactly("app.log", "out.html");
    }

    @Test
    void badOptionsExitWithTwoAndSayWhatIsWrong() {
        assertThat(Tool.run("html", "--ascii"))
                .isEqualTo(new Tool.Result(
                        2, "", "eliot-html: unknown option for html: --ascii\nTry 'eliot-html --help'.\n"));
        for (String option : List.of("-l", "--color", "-c", "-f", "--local", "--utc")) {
            assertThat(Tool.run("html", option, "1").stderr())
                    .as(option)
                    .startsWith("eliot-html: unknown option for html: " + option + "\n");
        }
        assertThat(Tool.run("html", "-o").stderr()).startsWith("eliot-html: -o needs a value\n");
        assertThat(Tool.run("html", "--output=").stderr()).startsWith("eliot-html: --output needs a value\n");
        assertThat(Tool.run("tree", "-o", "x.html").stderr()).startsWith("eliot-tree: unknown option for tree: -o\n");
        assertThat(Tool.run("prettyprint", "-l", "3").stderr())
                .startsWith("eliot-prettyprint: unknown option for prettyprint: -l\n");
        assertThat(Tool.run("html", "--start", "2026-11-25", "--end", "2026-11-24")
                        .stderr())
                .startsWith("eliot-html: --start must be before --end\n");
        assertThat(Tool.run("frobnicate").stderr())
                .startsWith("eliot-tools: unknown command frobnicate; the commands are tree, prettyprint and html\n");
    }

    @Test
    void helpDescribesHtml() {
        Tool.Result r = Tool.run("html", "--help");

        assertThat(r.exit()).isZero();
        assertThat(r.stdout())
                .isEqualTo(EliotTools.USAGE)
                .contains("eliot-tools html [OPTIONS] [-o OUT] [FILE...]", "-o, --output OUT", "bin/eliot-html");
    }

    private Path copy(String resource, String name) throws IOException {
        return Files.writeString(dir.resolve(name), Tool.resource(resource));
    }

    private List<String> files() throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static String[] args(String command, List<String> filter, String log) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(filter);
        args.add(log);
        return args.toArray(String[]::new);
    }

    /** The task uuids tree draws, in its order. */
    private static List<String> treeUuids(String... args) {
        return treeUuids(Arrays.asList(args));
    }

    private static List<String> treeUuids(List<String> args) {
        Tool.Result r = Tool.run(args.toArray(String[]::new));
        assertThat(r.exit()).as(r.stderr()).isZero();
        return r.stdout().lines().filter(l -> l.length() == 36).toList();
    }

    /** How many lines of the log each task has. */
    private static Map<String, Integer> messagesPerTask(Path log) throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String line : Files.readAllLines(log)) {
            counts.merge(json.readTree(line).get("task_uuid").asString(), 1, Integer::sum);
        }
        return counts;
    }
}
