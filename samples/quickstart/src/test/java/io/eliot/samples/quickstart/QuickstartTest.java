package io.eliot.samples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The sample, run as its users run it, writes the tree its README shows. */
class QuickstartTest {

    @TempDir
    Path dir;

    @Test
    void writesOneTaskWithASucceededAndAFailedDownload() throws Exception {
        Path log = dir.resolve("quickstart.log");

        Quickstart.main(new String[] {log.toString()});

        JsonMapper json = JsonMapper.builder().build();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            lines.add(json.readTree(line));
        }
        assertThat(lines.stream().map(l -> l.get("task_uuid").asString()).distinct())
                .hasSize(1);
        List<String> tree = lines.stream()
                .sorted(Comparator.comparing(l -> l.get("task_level").toString(), QuickstartTest::compareLevels))
                .map(l -> l.get("task_level") + " "
                        + (l.has("action_type")
                                ? l.get("action_type").asString() + "/"
                                        + l.get("action_status").asString()
                                : l.get("message_type").asString()))
                .toList();
        assertThat(tree)
                .containsExactly(
                        "[1] check_links/started",
                        "[2,1] eliot:remote_task/started",
                        "[2,2,1] download/started",
                        "[2,2,2,1] parse_url/started",
                        "[2,2,2,2] parse_url/succeeded",
                        "[2,2,3] link:valid",
                        "[2,2,4] download/succeeded",
                        "[2,3] eliot:remote_task/succeeded",
                        "[3,1] eliot:remote_task/started",
                        "[3,2,1] download/started",
                        "[3,2,2,1] parse_url/started",
                        "[3,2,2,2] parse_url/failed",
                        "[3,2,3] download/failed",
                        "[3,3] eliot:remote_task/failed",
                        "[4] check_links/failed");
    }

    private static int compareLevels(String a, String b) {
        int[] x = parse(a);
        int[] y = parse(b);
        return java.util.Arrays.compare(x, y);
    }

    private static int[] parse(String level) {
        return java.util.Arrays.stream(level.replaceAll("[\\[\\]]", "").split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
    }
}
