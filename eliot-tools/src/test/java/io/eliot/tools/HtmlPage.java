package io.eliot.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A page written by {@code html}, read back for the tests: its tasks (the JSON the page embeds in its
 * {@code eliot-data} blocks, {@code io.eliot.viewer.TaskTrees}' shape) and checks that it is
 * self-contained.
 */
final class HtmlPage {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern DATA =
            Pattern.compile("<script type=\"application/json\" class=\"eliot-data\">\\n(.*?)</script>", Pattern.DOTALL);

    /** Data the page reads and never runs: logged text lives there, so the markup checks skip it. */
    private static final Pattern JSON_BLOCK =
            Pattern.compile("<script type=\"application/json\"[^>]*>(.*?)</script>", Pattern.DOTALL);

    private HtmlPage() {}

    /** The page's tasks by uuid (the whole tasks, with their {@code root}), in the page's order. */
    static Map<String, JsonNode> tasks(String html) {
        Map<String, JsonNode> tasks = new LinkedHashMap<>();
        Matcher m = DATA.matcher(html);
        while (m.find()) {
            for (String line : m.group(1).split("\n")) {
                JsonNode task = JSON.readTree(line);
                if (task.has("root")) {
                    tasks.put(task.get("task_uuid").asString(), task);
                }
            }
        }
        return tasks;
    }

    /** The uuids of the page's tasks, in its order. */
    static List<String> uuids(String html) {
        return new ArrayList<>(tasks(html).keySet());
    }

    /**
     * Checks that the page needs nothing from outside: a whole HTML document with a Content-Security-Policy,
     * no element that loads anything (no {@code src}, {@code <link>}, {@code @import}, {@code url(...)}
     * but {@code data:}), no reference to an {@code http(s)} address, outside its data blocks (logged
     * text, which hold no {@code <} that could end them).
     */
    static void assertSelfContained(String html) {
        assertThat(html).startsWith("<!DOCTYPE html>").contains("</html>");
        Matcher data = JSON_BLOCK.matcher(html);
        while (data.find()) {
            assertThat(data.group(1))
                    .as("logged data cannot end its block or start markup")
                    .doesNotContain("<");
        }
        String markup = JSON_BLOCK.matcher(html).replaceAll("");
        Matcher csp = Pattern.compile("<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]*)\"")
                .matcher(markup);
        assertThat(csp.find()).as("a Content-Security-Policy meta element").isTrue();
        String policy = csp.group(1)
                .replace("&#39;", "'")
                .replace("&#x27;", "'")
                .replace("&quot;", "\"")
                .replace("&amp;", "&");
        assertThat(policy).startsWith("default-src 'none'").doesNotContain("unsafe-inline", "unsafe-eval", "*");
        assertThat(markup).doesNotContainPattern("(?i)\\ssrc\\s*=");
        assertThat(markup).doesNotContainPattern("(?i)<link\\b");
        assertThat(markup).doesNotContainPattern("(?i)@import");
        assertThat(markup).doesNotContainPattern("\\burl\\(\\s*['\"]?(?!data:)"); // CSS's url(...), not taskUrl(
        assertThat(markup).doesNotContainPattern("(?i)https?://");
    }
}
