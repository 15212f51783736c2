package io.eliot.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.testing.LoggedAction;
import io.eliot.testing.LoggedMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code x-eliot-task-id} headers sent as raw bytes over a socket to an embedded Tomcat: what the
 * server refuses before any filter runs, and what the filter does with what reaches it.
 */
@SpringBootTest(classes = WebTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TaskIdHeaderBytesTest {

    private static final String NO_AT =
            "invalid serialized task id: it has no '@' between the task uuid and the task level: ";
    private static final String NO_UUID =
            "invalid serialized task id: it does not start with a task uuid (8-4-4-4-12 hexadecimal digits): ";

    @LocalServerPort
    int port;

    final RequestLog log = new RequestLog(WebTestApplication.MEMORY::messages);

    @BeforeEach
    void clearLog() {
        WebTestApplication.MEMORY.clear();
    }

    @Test
    void aTaskIdSentAsUtf8IsQuotedAsTheSenderWroteIt() throws Exception {
        assertThat(send("/hello/utf8", "café-Grüße@/1".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(200);

        assertThat(problemOf("/hello/utf8")).isEqualTo(NO_UUID + "\"café-Grüße@/1\"");
    }

    @Test
    void controlsAndBidirectionalOverridesAreEscapedWithinTheBound() throws Exception {
        // A tab is the one control character Tomcat lets through inside a value; U+202E (right-to-left
        // override) is UTF-8 bytes e2 80 ae. 1 + 6 + 6 + 51 characters fill the 64 between the quotes.
        String value = "é\t\u202e" + "ü".repeat(70);
        assertThat(send("/hello/bound", value.getBytes(StandardCharsets.UTF_8))).isEqualTo(200);

        assertThat(problemOf("/hello/bound"))
                .isEqualTo(NO_AT + "\"é\\u0009\\u202e" + "ü".repeat(51) + "\" (first 54 of 73 characters)");
    }

    @Test
    void bytesThatAreNotUtf8AreQuotedOneCharacterPerByte() throws Exception {
        byte[] value = {'x', (byte) 0xff, (byte) 0xc3, 'y'};
        assertThat(send("/hello/latin1", value)).isEqualTo(200);

        assertThat(problemOf("/hello/latin1")).isEqualTo(NO_AT + "\"xÿÃy\"");
    }

    @Test
    void tomcatRefusesAControlCharacterOrAnOversizedHeaderBeforeTheFilterRuns() throws Exception {
        assertThat(send("/hello/refused-control", "abc\u0001def".getBytes(StandardCharsets.ISO_8859_1)))
                .isEqualTo(400);
        assertThat(send("/hello/refused-size", "x".repeat(10_000).getBytes(StandardCharsets.ISO_8859_1)))
                .isEqualTo(400);
        // A header over Eliot's own 1,024-character limit but within the server's reaches the filter.
        assertThat(send("/hello/long", "x".repeat(2_000).getBytes(StandardCharsets.ISO_8859_1)))
                .isEqualTo(200);

        assertThat(problemOf("/hello/long"))
                .isEqualTo("invalid serialized task id: it is 2000 characters long; at most 1024 are accepted: \""
                        + "x".repeat(64) + "\" (first 64 of 2000 characters)");
        // The refused requests were answered before the last one was sent: had the filter seen
        // them, their actions would be in the log by now.
        assertThat(log.all())
                .noneMatch(m ->
                        "/hello/refused-control".equals(m.get("path")) || "/hello/refused-size".equals(m.get("path")));
    }

    private String problemOf(String path) throws InterruptedException {
        LoggedAction request = log.awaitRequest(path);
        assertThat(RequestLog.outline(request)).isEqualTo("""
                http:request succeeded
                  eliot:invalid_task_id
                  test:greeting
                """);
        return (String) ((LoggedMessage) request.children().get(0)).message().get("problem");
    }

    /** Sends one GET with {@code value} as the task id header's raw bytes; returns the status. */
    private int send(String path, byte[] value) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes(ascii("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nx-eliot-task-id: "));
            request.writeBytes(value);
            request.writeBytes(ascii("\r\nConnection: close\r\n\r\n"));
            OutputStream out = socket.getOutputStream();
            out.write(request.toByteArray());
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder statusLine = new StringBuilder();
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                statusLine.append((char) b);
            }
            in.readAllBytes();
            String[] parts = statusLine.toString().split(" ");
            return parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
