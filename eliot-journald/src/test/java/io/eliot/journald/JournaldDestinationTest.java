package io.eliot.journald;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eliot.core.record.ActionStatus;
import io.eliot.core.record.MessageRecord;
import io.eliot.core.record.TaskLevel;
import io.eliot.core.serialization.JsonLineEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Through a real AF_UNIX datagram socket bound in a temporary directory, standing in for journald. */
class JournaldDestinationTest {

    private static final String TASK = Records.TASK;
    private static final long MICROS = 1_700_000_000_000_003L;

    @TempDir
    Path dir;

    private Path socketPath;
    private JournalReceiver journal;
    private JournaldDestination destination;

    @BeforeEach
    void bind() throws IOException {
        socketPath = dir.resolve("socket");
        journal = new JournalReceiver(socketPath);
        destination = JournaldDestination.builder()
                .socketPath(socketPath)
                .syslogIdentifier("orders")
                .build();
    }

    @AfterEach
    void close() throws IOException {
        destination.close();
        journal.close();
    }

    @Test
    void aMessageIsOneDatagramOfNativeProtocolFields() throws Exception {
        destination.write(MessageRecord.message(TASK, TaskLevel.of(3, 2), MICROS, "shop:priced", Map.of("total", 12)));

        JournalReceiver.Received received = journal.receive();
        assertThat(received.passedFile()).as("small entries need no memfd").isNull();
        assertThat(new String(received.payload(), StandardCharsets.UTF_8))
                .isEqualTo(new String(
                        JournalReceiver.lines(
                                "MESSAGE={\"task_uuid\":\"" + TASK + "\",\"task_level\":[3,2],"
                                        + "\"timestamp\":1700000000.000003,\"message_type\":\"shop:priced\","
                                        + "\"total\":12}",
                                "ELIOT_TASK=" + TASK,
                                "ELIOT_TASK_LEVEL=/3/2",
                                "ELIOT_TYPE=shop:priced",
                                "PRIORITY=6",
                                "SYSLOG_IDENTIFIER=orders"),
                        StandardCharsets.UTF_8));
    }

    @Test
    void priorityIsErrForFailedActionsCritForTracebacksInfoOtherwise() throws Exception {
        destination.write(action(ActionStatus.STARTED));
        destination.write(action(ActionStatus.FAILED));
        destination.write(action(ActionStatus.SUCCEEDED));
        destination.write(MessageRecord.message(
                TASK,
                TaskLevel.of(4),
                MICROS,
                "eliot:traceback",
                Map.of("exception", "java.lang.IllegalStateException", "reason", "x", "traceback", "at a\nat b")));

        List<Map<String, String>> entries = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            entries.add(JournalReceiver.fields(journal.receive().entry()));
        }
        assertThat(entries)
                .extracting(e -> e.get("ELIOT_TYPE") + " " + e.get("PRIORITY"))
                .containsExactly("shop:charge 6", "shop:charge 3", "shop:charge 6", "eliot:traceback 2");
    }

    @Test
    void valuesWithNewlinesUseTheLengthPrefixedBinaryForm() throws Exception {
        JournaldDestination multiLine = JournaldDestination.builder()
                .socketPath(socketPath)
                .syslogIdentifier("two\nlines")
                .build();
        try {
            multiLine.write(MessageRecord.message(TASK, TaskLevel.of(1), MICROS, "odd\ntype", Map.of()));
        } finally {
            multiLine.close();
        }

        byte[] entry = journal.receive().entry();
        ByteArrayOutputStream expectedTail = new ByteArrayOutputStream();
        expectedTail.writeBytes("ELIOT_TYPE\n".getBytes(StandardCharsets.US_ASCII));
        expectedTail.writeBytes(new byte[] {8, 0, 0, 0, 0, 0, 0, 0});
        expectedTail.writeBytes("odd\ntype\nPRIORITY=6\nSYSLOG_IDENTIFIER\n".getBytes(StandardCharsets.US_ASCII));
        expectedTail.writeBytes(new byte[] {9, 0, 0, 0, 0, 0, 0, 0});
        expectedTail.writeBytes("two\nlines\n".getBytes(StandardCharsets.US_ASCII));
        String text = new String(entry, StandardCharsets.ISO_8859_1);
        assertThat(text)
                .as("the JSON line escapes the newline, so MESSAGE keeps the simple form")
                .startsWith("MESSAGE={\"task_uuid\"")
                .contains("\"message_type\":\"odd\\ntype\"}\nELIOT_TASK=" + TASK + "\nELIOT_TASK_LEVEL=/1\n")
                .endsWith(new String(expectedTail.toByteArray(), StandardCharsets.ISO_8859_1));
        assertThat(JournalReceiver.fields(entry))
                .containsEntry("ELIOT_TYPE", "odd\ntype")
                .containsEntry("SYSLOG_IDENTIFIER", "two\nlines");
    }

    @Test
    void anEntryTooBigForADatagramGoesThroughASealedMemfd() throws Exception {
        String big = "x".repeat(20 * 1024 * 1024);
        MessageRecord message = MessageRecord.message(TASK, TaskLevel.of(1), MICROS, "big", Map.of("blob", big));

        destination.write(message);

        JournalReceiver.Received received = journal.receive();
        assertThat(received.payload()).as("the datagram itself is empty").isEmpty();
        assertThat(received.passedFile()).as("a file descriptor was passed").isNotNull();
        assertThat(received.passedFileSeals())
                .as("sealed against shrink, grow, write and further sealing, as journald requires")
                .isEqualTo(1 | 2 | 4 | 8);
        Map<String, String> fields = JournalReceiver.fields(received.passedFile());
        assertThat(fields.get("MESSAGE") + "\n").isEqualTo(new JsonLineEncoder().encodeToString(message));
        assertThat(fields).containsEntry("ELIOT_TASK", TASK).containsEntry("PRIORITY", "6");
    }

    @Test
    void aLineOverTheLimitIsCutWithAMarker() throws Exception {
        String huge = "é".repeat(JournaldDestination.MAX_MESSAGE_BYTES / 2 + 10);
        MessageRecord message = MessageRecord.message(TASK, TaskLevel.of(1), MICROS, "huge", Map.of("blob", huge));
        int lineBytes = new JsonLineEncoder().encode(message).length - 1;

        destination.write(message);

        Map<String, String> fields = JournalReceiver.fields(journal.receive().entry());
        String text = fields.get("MESSAGE");
        String marker = " [eliot: cut, " + lineBytes + " bytes in all]";
        assertThat(text).endsWith("éé" + marker).startsWith("{\"task_uuid\":\"" + TASK + "\"");
        assertThat(text.getBytes(StandardCharsets.UTF_8).length - marker.length())
                .as("cut at the limit, never inside a character")
                .isBetween(JournaldDestination.MAX_MESSAGE_BYTES - 1, JournaldDestination.MAX_MESSAGE_BYTES);
        assertThat(fields).containsEntry("ELIOT_TYPE", "huge");
    }

    @Test
    void anUnserializableValueLeavesOneEntryAtTheMessagesPlaceWithTheFailureInItsLine() throws Exception {
        Object unserializable = new Object() {
            public String getValue() {
                throw new IllegalStateException("no value");
            }
        };
        destination.write(MessageRecord.message(TASK, TaskLevel.of(1), MICROS, "odd", Map.of("v", unserializable)));

        Map<String, String> entry = JournalReceiver.fields(journal.receive().entry());
        assertThat(entry)
                .containsEntry("ELIOT_TYPE", "odd")
                .containsEntry("ELIOT_TASK", TASK)
                .containsEntry("ELIOT_TASK_LEVEL", "/1");
        assertThat(entry.get("MESSAGE"))
                .contains("\"v\":\"<not logged: java.lang.IllegalStateException: no value>\"")
                .contains("\"eliot:serialization_failure\":[{\"field\":\"v\"");
    }

    @Test
    void messagesFromManyThreadsArriveWhole() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> writes = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            writes.add(pool.submit(() -> {
                for (int n = 1; n <= 250; n++) {
                    destination.write(MessageRecord.message(
                            TASK, TaskLevel.of(thread + 1, n), MICROS, "n", Map.of("pad", "p".repeat(n * 10))));
                }
                return null;
            }));
        }
        Set<String> levels = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            Map<String, String> fields =
                    JournalReceiver.fields(journal.receive().entry());
            assertThat(fields.get("MESSAGE")).endsWith("\"}");
            levels.add(fields.get("ELIOT_TASK_LEVEL"));
        }
        for (Future<?> w : writes) {
            w.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(levels).hasSize(2000);
    }

    @Test
    void aStoppedJournalFailsTheWriteAndARestartedOneIsReachedAgain() throws Exception {
        journal.close(); // journald stopped: the socket is gone

        assertThatThrownBy(() -> destination.write(Records.message(1)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(socketPath.toString())
                .hasMessageContaining("No such file or directory");

        journal = new JournalReceiver(socketPath); // journald started again
        destination.write(Records.message(2));
        assertThat(JournalReceiver.fields(journal.receive().entry())).containsEntry("ELIOT_TASK_LEVEL", "/2");
    }

    @Test
    void aJournalThatStopsReadingFailsWritesAfterTheSendTimeoutInsteadOfBlockingForever() throws Exception {
        JournaldDestination bounded = JournaldDestination.builder()
                .socketPath(socketPath)
                .sendTimeout(Duration.ofMillis(200))
                .build();
        try {
            IOException failure = null;
            int sent = 0;
            while (failure == null && sent < 10_000) { // the kernel queues a few datagrams, then blocks
                try {
                    bounded.write(Records.message(sent + 1));
                    sent++;
                } catch (IOException e) {
                    failure = e;
                }
            }
            assertThat(failure)
                    .as("after %s queued entries", sent)
                    .hasMessage("journald at " + socketPath + " did not take an entry within the send timeout");

            for (int i = 0; i < sent; i++) {
                journal.receive(); // journald reads again
            }
            bounded.write(Records.message(99));
            assertThat(JournalReceiver.fields(journal.receive().entry())).containsEntry("ELIOT_TASK_LEVEL", "/99");
        } finally {
            bounded.close();
        }
    }

    @Test
    void buildingWithoutASocketSaysWhy() throws IOException {
        Path missing = dir.resolve("no-such-socket");
        assertThatThrownBy(
                        () -> JournaldDestination.builder().socketPath(missing).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The journald destination is unavailable: no socket at " + missing
                        + "; is systemd-journald running?");

        Path file = Files.writeString(dir.resolve("plain-file"), "");
        assertThatThrownBy(() -> JournaldDestination.builder().socketPath(file).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("(the file is not a socket)");
    }

    @Test
    void writingAfterCloseFails() throws Exception {
        destination.close();
        assertThatThrownBy(() -> destination.write(Records.message(1)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("closed");
    }

    private static MessageRecord action(ActionStatus status) {
        return MessageRecord.action(
                TASK, TaskLevel.of(2, status.ordinal() + 1), MICROS, "shop:charge", status, Map.of());
    }
}
