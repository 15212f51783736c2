package io.eliot.core.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eliot.core.serialization.JsonLineEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleDestinationTest {

    private final String expected = new JsonLineEncoder().encodeToString(Records.message(1));

    @Test
    void stdoutWritesTheJsonLineToWhateverSystemOutIsNow() throws Exception {
        String written = capture(true, () -> ConsoleDestination.stdout().write(Records.message(1)));

        assertThat(written).isEqualTo(expected);
    }

    @Test
    void stderrWritesToSystemErr() throws Exception {
        String written = capture(false, () -> ConsoleDestination.stderr().write(Records.message(1)));

        assertThat(written).isEqualTo(expected);
    }

    @Test
    void aBrokenStreamIsReportedAsAnException() {
        PrintStream broken = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("pipe closed");
            }
        });

        assertThatThrownBy(() ->
                        ConsoleDestination.of(broken, new JsonLineEncoder()).write(Records.message(1)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("failed");
    }

    interface Body {
        void run() throws Exception;
    }

    private static String capture(boolean out, Body body) throws Exception {
        PrintStream original = out ? System.out : System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        if (out) {
            System.setOut(capture);
        } else {
            System.setErr(capture);
        }
        try {
            body.run();
        } finally {
            if (out) {
                System.setOut(original);
            } else {
                System.setErr(original);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
