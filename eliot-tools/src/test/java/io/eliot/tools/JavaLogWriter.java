package io.eliot.tools;

import io.eliot.core.Eliot;
import io.eliot.core.Message;
import io.eliot.core.destination.Destination;
import io.eliot.core.record.MessageRecord;
import io.eliot.core.serialization.JsonLineEncoder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Wrote {@code src/test/resources/logs/java-app.log}, the log written by this library that the
 * golden tests read. Run once (the log is committed; a new run changes uuids and timestamps, and
 * the expected outputs must then be written again; GoldenFilesMatchPythonTest checks them against
 * what Python Eliot works out for the log):
 *
 * <pre>{@code java -cp <test class path> io.eliot.tools.JavaLogWriter src/test/resources/logs/java-app.log}</pre>
 */
final class JavaLogWriter {

    private JavaLogWriter() {}

    public static void main(String[] args) throws IOException {
        try (OutputStream out = Files.newOutputStream(Path.of(args[0]))) {
            JsonLineEncoder encoder = new JsonLineEncoder();
            Destination file = new Destination() {
                @Override
                public void write(MessageRecord message) throws IOException {
                    out.write(encoder.encode(message));
                }
            };
            Eliot.addDestination(file);
            try {
                Eliot.startTask("shop:order", "order", Map.of("sku", "A-1", "count", 2))
                        .run(() -> {
                            Message.log("shop:note", "text", "checking stock");
                            Eliot.startAction("shop:price", "items", List.of(1, 2, 3))
                                    .run(() -> Eliot.currentAction()
                                            .orElseThrow()
                                            .addSuccessFields(Map.of("total", 12.5, "currency", "EUR")));
                            Eliot.startAction("shop:reserve")
                                    .run(() -> Message.log("shop:reserved", "warehouse", "north"));
                        });
                try {
                    Eliot.startTask("shop:validate", "input", "").run(() -> {
                        throw new IllegalArgumentException("no items");
                    });
                } catch (IllegalArgumentException expected) {
                    // logged as failed
                }
                Message.log("shop:startup", "version", "1.0", "ready", true);
            } finally {
                Eliot.removeDestination(file);
            }
        }
    }
}
