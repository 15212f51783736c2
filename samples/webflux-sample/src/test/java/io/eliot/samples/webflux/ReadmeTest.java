package io.eliot.samples.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The sample's README cannot drift from the service: the trees it shows (pasted from {@code
 * bin/eliot-tree}) have the outlines {@link WebFluxOrdersApplicationTest} checks in the log, and its
 * commands run the jar this module builds.
 */
class ReadmeTest {

    private static final Path README = Path.of("README.md");

    /** A line of the tree: its indentation (4 characters a level) and its text. */
    private static final Pattern LINE = Pattern.compile("^((?:[│ ] {3})*)[├└]── (.*)$");
    /** An action's start or end: {@code type/2/1 ⇒ started ...}. */
    private static final Pattern ACTION = Pattern.compile("^([^/\\s]+)/[\\d/]+ ⇒ (started|succeeded|failed) .*");
    /** A message: {@code type/2/3 2026-...}. */
    private static final Pattern MESSAGE = Pattern.compile("^([^/\\s]+)/[\\d/]+ \\d{4}-.*");

    @Test
    void theTreesShownAreTheOnesTheApplicationTestExpects() throws IOException {
        List<String> trees = blocks("").stream()
                .filter(block -> block.get(0).matches("[0-9a-f-]{36}"))
                .map(ReadmeTest::outline)
                .toList();

        assertThat(trees)
                .containsExactly(
                        WebFluxOrdersApplicationTest.CREATE_TREE, WebFluxOrdersApplicationTest.UNKNOWN_SKU_TREE);
    }

    @Test
    void theCommandsRunTheJarTheBuildMakes() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8);
        Matcher finalName = Pattern.compile("<finalName>(.+)</finalName>").matcher(pom);
        assertThat(finalName.find()).isTrue();

        assertThat(String.join("\n", blocks("sh").get(0)))
                .contains("-pl samples/webflux-sample,eliot-tools -am package")
                .contains("java -jar samples/webflux-sample/target/" + finalName.group(1) + ".jar")
                .contains("--eliot.destinations.log.file.path=orders.log")
                .contains("bin/eliot-tree orders.log");
    }

    /** The lines of each of the README's fenced blocks of {@code language} ("" for none). */
    private static List<List<String>> blocks(String language) throws IOException {
        List<List<String>> blocks = new ArrayList<>();
        String opened = null;
        List<String> current = new ArrayList<>();
        for (String line : Files.readAllLines(README, StandardCharsets.UTF_8)) {
            if (opened == null && line.startsWith("```")) {
                opened = line.substring(3);
                current = new ArrayList<>();
            } else if (opened != null && line.equals("```")) {
                if (opened.equals(language)) {
                    blocks.add(current);
                }
                opened = null;
            } else if (opened != null) {
                current.add(line);
            }
        }
        return blocks;
    }

    /** A node of the drawn tree: an action's start or end, a message, or a field. */
    private record Node(String text, List<Node> children) {}

    /** The drawn task (its uuid line first) as the outline {@link WebFluxOrdersApplicationTest} writes. */
    private static String outline(List<String> drawn) {
        Node task = new Node("", new ArrayList<>());
        List<Node> open = new ArrayList<>(List.of(task));
        for (String line : drawn.subList(1, drawn.size())) {
            Matcher m = LINE.matcher(line);
            assertThat(m.matches()).as("a line of the tree: %s", line).isTrue();
            int depth = m.group(1).length() / 4;
            Node node = new Node(m.group(2), new ArrayList<>());
            open.get(depth).children().add(node);
            open.subList(depth + 1, open.size()).clear();
            open.add(node);
        }
        StringBuilder out = new StringBuilder();
        task.children().forEach(root -> append(out, root, 0));
        return out.toString();
    }

    private static void append(StringBuilder out, Node node, int depth) {
        Matcher message = MESSAGE.matcher(node.text());
        if (message.matches()) {
            out.append("  ".repeat(depth)).append(message.group(1)).append('\n');
            return;
        }
        Matcher start = ACTION.matcher(node.text());
        if (!start.matches() || !start.group(2).equals("started")) {
            return; // a field
        }
        String type = start.group(1);
        Node end = node.children().stream()
                .filter(child -> child.text().matches(Pattern.quote(type) + "/[\\d/]+ ⇒ (succeeded|failed) .*"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no end drawn for " + node.text()));
        Matcher ended = ACTION.matcher(end.text());
        assertThat(ended.matches()).isTrue();
        out.append("  ".repeat(depth)).append(type).append('/').append(ended.group(2));
        Map<String, String> fields = new LinkedHashMap<>();
        for (Node field : end.children()) {
            int colon = field.text().indexOf(": ");
            if (colon > 0) {
                fields.put(field.text().substring(0, colon), field.text().substring(colon + 2));
            }
        }
        for (String name : WebFluxOrdersApplicationTest.OUTLINE_FIELDS) {
            if (fields.containsKey(name)) {
                out.append(' ').append(name).append('=').append(fields.get(name));
            }
        }
        out.append('\n');
        node.children().stream().filter(child -> child != end).forEach(child -> append(out, child, depth + 1));
    }
}
