package io.eliot.samples.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.parse.LogParser;
import io.eliot.core.parse.ParseResult;
import io.eliot.core.parse.ParsedTask;
import io.eliot.spring.EliotDestinations;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;

/** What the sample's tests share: a log file of their own, an outside caller, and the log read back as tasks. */
public final class SampleHarness {

    private SampleHarness() {}

    /** {@code orders.log} in a new temporary directory (for {@code eliot.destinations.log.file.path}). */
    public static Path newLogFile() {
        try {
            return Files.createTempDirectory("orders-sample").resolve("orders.log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A client the way an outside caller has one: not Spring's, so it sends no task id; error statuses
     * are answers, not exceptions.
     */
    public static RestClient outsideClient(int port) {
        return RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {})
                .build();
    }

    /** The tasks of {@code log} once the {@code log} destination is flushed; no line may be a problem. */
    public static List<ParsedTask> loggedTasks(EliotDestinations destinations, Path log) throws Exception {
        destinations.configured().get("log").flush();
        try (Reader reader = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            ParseResult result = LogParser.parse(reader, log.toString());
            assertThat(result.problems()).isEmpty();
            return result.tasks();
        }
    }
}
