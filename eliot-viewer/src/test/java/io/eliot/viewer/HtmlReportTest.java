package io.eliot.viewer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eliot.core.parse.ParsedTask;
import io.eliot.viewer.internal.Page;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class HtmlReportTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL);
    private static final Pattern INLINE_STYLE = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL);
    private static final Pattern DATA =
            Pattern.compile("<script type=\"application/json\" class=\"eliot-data\">(.*?)</script>", Pattern.DOTALL);
    private static final Pattern CSP =
            Pattern.compile("<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]*)\">");

    private static final String UUID = "cdace62a-b6cd-48be-9d9d-1086adec52bb";

    static String hostileLog(String uuid) {
        return "{\"task_uuid\":\"" + uuid
                + "\",\"task_level\":[1],\"action_type\":\"</script><script>alert(1)</script>\","
                + "\"action_status\":\"started\",\"timestamp\":1764000000.0,"
                + "\"a\":\"</SCRIPT ><!--<script>\",\"b\":\"line\u2028sep\u2029para & <b>\"}\n"
                + "{\"task_uuid\":\"" + uuid
                + "\",\"task_level\":[2],\"action_type\":\"</script><script>alert(1)</script>\","
                + "\"action_status\":\"succeeded\",\"timestamp\":1764000000.5}\n";
    }

    private static String page(List<ParsedTask> tasks) throws IOException {
        StringWriter out = new StringWriter();
        try (HtmlReport report = new HtmlReport(out, "log </title><script>alert(1)</script>")) {
            for (ParsedTask task : tasks) {
                report.add(task);
            }
        }
        return out.toString();
    }

    @Test
    void noLoggedTextCanEndTheDataBlockOrSplitALine() throws IOException {
        List<ParsedTask> tasks = SampleLogs.parse(hostileLog(UUID));
        String html = page(tasks);

        // Every script element is one the page wrote: the configuration, one data block, the script.
        assertThat(count(html, "<script")).isEqualTo(3);
        assertThat(count(html.toLowerCase(), "</script")).isEqualTo(3);
        assertThat(html).doesNotContain("<!--").doesNotContain("\u2028").doesNotContain("\u2029");
        assertThat(html).contains("<title>log &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>");

        Matcher data = DATA.matcher(html);
        assertThat(data.find()).isTrue();
        List<String> lines = new ArrayList<>(List.of(data.group(1).split("\n")));
        lines.removeIf(String::isEmpty);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1))
                .contains("\\u003c/script\\u003e")
                .contains("\\u2028")
                .contains("\\u0026");
        // The escaped text reads back as the same task.
        assertThat(JSON.readValue(lines.get(1), Map.class))
                .isEqualTo(JSON.readValue(TaskTrees.toJson(tasks.get(0)), Map.class));
        Map<?, ?> summary = JSON.readValue(lines.get(0), Map.class);
        assertThat(summary.get("task_uuid")).isEqualTo(UUID);
        assertThat(summary.get("types")).isEqualTo(List.of("</script><script>alert(1)</script>"));
    }

    @Test
    void contentSecurityPolicyHashesAreThoseOfTheInlineScriptAndStyle() throws IOException {
        for (String html : List.of(page(SampleLogs.parse(hostileLog(UUID))), LivePage.html("/actuator/eliot"))) {
            Matcher csp = CSP.matcher(html);
            assertThat(csp.find()).isTrue();
            String policy = csp.group(1);
            Matcher script = INLINE_SCRIPT.matcher(html);
            assertThat(script.find()).isTrue();
            String scriptText = script.group(1);
            assertThat(script.find()).as("one inline script").isFalse();
            Matcher style = INLINE_STYLE.matcher(html);
            assertThat(style.find()).isTrue();
            assertThat(policy)
                    .startsWith("default-src 'none'; ")
                    .contains("script-src '" + Page.sha256(scriptText) + "';")
                    .contains("style-src '" + Page.sha256(style.group(1)) + "';")
                    .doesNotContain("unsafe");
            assertThat(html)
                    .doesNotContain(" style=\"")
                    .doesNotContain(" onclick=")
                    .doesNotContain(" onload=");
        }
        assertThat(LivePage.contentSecurityPolicy())
                .endsWith("; connect-src 'self'")
                .isEqualTo(Page.contentSecurityPolicy(true));
        assertThat(LivePage.html("/actuator/eliot"))
                .contains("<meta http-equiv=\"Content-Security-Policy\" content=\"" + LivePage.contentSecurityPolicy()
                        + "\">")
                .contains("\"endpoint\":\"/actuator/eliot\"");
        assertThat(page(List.of())).doesNotContain("connect-src");
    }

    @Test
    void sizeGrowsLinearlyWithTheTasks() throws IOException {
        long[] sizes = new long[3];
        int[] counts = {1000, 2000, 4000};
        for (int i = 0; i < counts.length; i++) {
            StringWriter out = new StringWriter();
            try (HtmlReport report = new HtmlReport(out, "big")) {
                for (int n = 0; n < counts[i]; n++) {
                    report.add(SampleLogs.parse(SyntheticLogs.task(n)).get(0));
                }
            }
            sizes[i] = out.getBuffer().length();
        }
        double perTaskFirst = (sizes[1] - sizes[0]) / 1000.0;
        double perTaskSecond = (sizes[2] - sizes[1]) / 2000.0;
        assertThat(perTaskSecond).isCloseTo(perTaskFirst, org.assertj.core.data.Percentage.withPercentage(1));
        assertThat(sizes[0]).isGreaterThan((long) (perTaskFirst * 1000));
    }

    @Test
    void closeWritesTheTailAndClosesTheWriterOnce() throws IOException {
        class Closing extends StringWriter {
            int closed;

            @Override
            public void close() {
                closed++;
            }
        }
        Closing out = new Closing();
        HtmlReport report = new HtmlReport(out, "t");
        report.close();
        report.close();
        assertThat(out.closed).isEqualTo(1);
        assertThat(out.toString()).endsWith("</script>\n</body>\n</html>\n");
        assertThatThrownBy(() -> report.add(SampleLogs.parse(hostileLog(UUID)).get(0)))
                .isInstanceOf(IllegalStateException.class);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
