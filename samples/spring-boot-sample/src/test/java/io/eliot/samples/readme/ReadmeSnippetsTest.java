package io.eliot.samples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The root README cannot drift from the code: every Java block in it is, word for word, a tagged
 * region of {@code ReadmeSnippets.java}, which this module compiles (against the real API).
 */
class ReadmeSnippetsTest {

    private static final Path README = Path.of("../../README.md");
    private static final Path SNIPPETS = Path.of("src/test/java/io/eliot/samples/readme/ReadmeSnippets.java");

    @Test
    void everyJavaBlockOfTheReadmeIsACompiledSnippet() throws IOException {
        List<String> blocks = javaBlocks(Files.readAllLines(README, StandardCharsets.UTF_8));
        Map<String, String> snippets = taggedRegions(Files.readAllLines(SNIPPETS, StandardCharsets.UTF_8));

        assertThat(blocks).as("Java blocks in README.md").isNotEmpty();
        for (String block : blocks) {
            assertThat(snippets.values())
                    .as("README block not found (word for word) among ReadmeSnippets' regions:%n%s", block)
                    .contains(block);
        }
        assertThat(blocks).as("every snippet is in the README").hasSameSizeAs(snippets.values());
    }

    /** The contents of the README's {@code ```java} blocks. */
    static List<String> javaBlocks(List<String> lines) {
        List<String> blocks = new ArrayList<>();
        StringBuilder current = null;
        for (String line : lines) {
            if (current == null && line.equals("```java")) {
                current = new StringBuilder();
            } else if (current != null && line.equals("```")) {
                blocks.add(normalize(current.toString()));
                current = null;
            } else if (current != null) {
                current.append(line).append('\n');
            }
        }
        return blocks;
    }

    /**
     * Regions between {@code // tag::name[]} and {@code // end::name[]}, each with its common
     * indentation removed; regions of the same name are joined in order.
     */
    static Map<String, String> taggedRegions(List<String> lines) {
        Map<String, StringBuilder> joined = new LinkedHashMap<>();
        String open = null;
        List<String> region = new ArrayList<>();
        for (String line : lines) {
            String trimmed = line.trim();
            if (trimmed.startsWith("// tag::") && trimmed.endsWith("[]")) {
                open = trimmed.substring("// tag::".length(), trimmed.length() - 2);
                region.clear();
            } else if (open != null && trimmed.equals("// end::" + open + "[]")) {
                joined.computeIfAbsent(open, k -> new StringBuilder()).append(dedent(region));
                open = null;
            } else if (open != null) {
                region.add(line);
            }
        }
        Map<String, String> regions = new LinkedHashMap<>();
        joined.forEach((name, text) -> regions.put(name, normalize(text.toString())));
        return regions;
    }

    private static String dedent(List<String> lines) {
        int indent = lines.stream()
                .filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length())
                .min()
                .orElse(0);
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
        }
        return sb.toString();
    }

    private static String normalize(String text) {
        return text.lines()
                .map(String::stripTrailing)
                .reduce((a, b) -> a + "\n" + b)
                .orElse("")
                .strip();
    }
}
