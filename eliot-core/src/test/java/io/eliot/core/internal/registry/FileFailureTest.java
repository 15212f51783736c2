package io.eliot.core.internal.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.destination.JsonFileDestination;
import io.eliot.core.destination.MemoryDestination;
import io.eliot.core.internal.TaskUuids;
import io.eliot.core.internal.Timestamps;
import io.eliot.core.record.MessageRecord;
import io.eliot.core.record.TaskLevel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A file destination whose directory goes away in the middle of a run: the application never sees
 * an exception, the failure is one reported episode, writing resumes by itself, and every message is
 * either in a file or counted as failed.
 */
class FileFailureTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Destinations registry = new Destinations(false);
    private final MemoryDestination watcher = new MemoryDestination();

    private static MessageRecord message(int n) {
        return MessageRecord.message(
                TaskUuids.next(),
                TaskLevel.of(1),
                Timestamps.nowMicros(),
                "test:n",
                Map.of("n", n, "pad", "x".repeat(60)));
    }

    @Test
    void aDirectoryReplacedByAFileBeforeARolloverIsOneEpisodeAndWritingResumesWhenItIsBack(@TempDir Path dir)
            throws Exception {
        Path logs = dir.resolve("logs");
        JsonFileDestination file = JsonFileDestination.builder(logs.resolve("app.log"))
                .rollover(4_000, 3)
                .build();
        registry.add(watcher);
        registry.add(file);
        int sent = 0;
        for (; sent < 30; sent++) {
            registry.send(message(sent));
        }

        Path away = dir.resolve("logs-away");
        Files.move(logs, away);
        Files.writeString(logs, "not a directory"); // the next rollover cannot create anything here
        for (; sent < 130; sent++) {
            registry.send(message(sent));
        }
        assertThat(reports("eliot:destination_failure")).hasSize(1);
        assertThat(reports("eliot:destination_failure")
                        .get(0)
                        .fields()
                        .get("reason")
                        .toString())
                .contains(logs.toString());

        Files.delete(logs);
        Thread.sleep(JsonFileDestination.RETRY_INTERVAL.toMillis() + 100);
        for (; sent < 160; sent++) {
            registry.send(message(sent));
        }
        registry.remove(file);
        file.close();

        List<MessageRecord> recovered = reports("eliot:destination_recovered");
        assertThat(recovered).hasSize(1);
        long failed = ((Number) recovered.get(0).fields().get("failed_messages")).longValue();
        assertThat(failed).isPositive();
        assertThat(registry.destinationFailures()).isEqualTo(failed);

        List<Integer> written = numbersIn(dir);
        assertThat(written).doesNotHaveDuplicates();
        assertThat(written.size() + failed)
                .as("every message is in a file or counted as failed")
                .isEqualTo(sent);
        assertThat(written).contains(0, 29, 159);
    }

    @Test
    void aDirectoryMadeUnwritableByPermissionsFailsOnlyTheRolloverAttemptsAndRollsOverOnceWritableAgain(
            @TempDir Path dir) throws Exception {
        Path logs = Files.createDirectory(dir.resolve("logs"));
        ExecutorService writer = unprivilegedWriter(dir, logs);
        try {
            JsonFileDestination file = on(
                    writer,
                    () -> JsonFileDestination.builder(logs.resolve("app.log"))
                            .rollover(4_000, 3)
                            .build());
            registry.add(watcher);
            registry.add(file);
            int[] sent = {0};
            on(writer, () -> {
                for (; sent[0] < 30; sent[0]++) {
                    registry.send(message(sent[0]));
                }
                return null;
            });

            Files.setPosixFilePermissions(logs, PosixFilePermissions.fromString("r-xr-xr-x"));
            boolean canStillCreate = on(writer, () -> {
                try {
                    Files.delete(Files.createFile(logs.resolve("probe")));
                    return true;
                } catch (java.nio.file.AccessDeniedException expected) {
                    return false;
                }
            });
            if (canStillCreate) {
                String reason = "this process writes into a directory without write permission (a capability"
                        + " permission checks do not apply to), and none other could be taken on for the test";
                System.err.println("SKIPPED FileFailureTest.aDirectoryMadeUnwritableByPermissions: " + reason);
                Assumptions.abort(reason);
            }
            on(writer, () -> {
                for (; sent[0] < 130; sent[0]++) { // about three rollovers' worth
                    registry.send(message(sent[0]));
                }
                return null;
            });
            assertThat(reports("eliot:destination_failure"))
                    .isNotEmpty()
                    .allSatisfy(
                            report -> assertThat(report.fields().get("reason").toString())
                                    .contains("rolling over Eliot log file " + logs.resolve("app.log")
                                            + " failed; still writing to it")
                                    .contains("AccessDeniedException"));

            Files.setPosixFilePermissions(logs, PosixFilePermissions.fromString("rwxr-xr-x"));
            Thread.sleep(JsonFileDestination.RETRY_INTERVAL.toMillis() + 100);
            on(writer, () -> {
                for (; sent[0] < 160; sent[0]++) {
                    registry.send(message(sent[0]));
                }
                registry.remove(file);
                file.close();
                return null;
            });

            // A failed rollover is retried half a second later: one episode per attempt, each failing
            // only the message that tried it, each ended by the next message written.
            List<MessageRecord> recovered = reports("eliot:destination_recovered");
            assertThat(recovered).hasSameSizeAs(reports("eliot:destination_failure"));
            assertThat(recovered)
                    .as("messages failed per episode")
                    .allSatisfy(r -> assertThat(r.fields()).containsEntry("failed_messages", 1L));
            long failed = recovered.size();
            assertThat(registry.destinationFailures()).isEqualTo(failed);
            List<Integer> written = numbersIn(dir);
            assertThat(written).doesNotHaveDuplicates();
            assertThat(written.size() + failed)
                    .as("every message is in a file or counted as failed")
                    .isEqualTo(sent[0]);
            assertThat(written).contains(0, 29, 30, 129, 159);
            assertThat(Files.size(logs.resolve("app.log")))
                    .as("rolled over again once the directory was writable")
                    .isLessThan(4_000);
        } finally {
            Files.setPosixFilePermissions(logs, PosixFilePermissions.fromString("rwxr-xr-x"));
            writer.shutdownNow();
        }
    }

    /** The setfsuid/setfsgid of Linux's C library: they change the calling thread's file-access ids only. */
    interface FileSystemIds extends com.sun.jna.Library {
        int setfsuid(int uid);

        int setfsgid(int gid);
    }

    private static final int NOBODY = 65_534;

    /**
     * A thread to write from that directory permissions apply to. Run as root (as in a container),
     * permission checks do not stop this process; then the thread takes on the file-access ids of
     * {@code nobody} (only this thread: {@code setfsuid} is per thread), and {@code logs} is given
     * to {@code nobody}, so the thread can write there until the test takes the permission away.
     */
    private static ExecutorService unprivilegedWriter(Path dir, Path logs) throws Exception {
        ExecutorService writer = Executors.newSingleThreadExecutor(r -> new Thread(r, "unprivileged-writer"));
        if ((Integer) Files.getAttribute(dir, "unix:uid") != 0) {
            return writer; // not root: permissions apply as they are
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setAttribute(logs, "unix:uid", NOBODY);
        Files.setAttribute(logs, "unix:gid", NOBODY);
        on(writer, () -> {
            try {
                FileSystemIds libc = com.sun.jna.Native.load("c", FileSystemIds.class);
                libc.setfsgid(NOBODY);
                libc.setfsuid(NOBODY);
            } catch (LinkageError noJna) {
                // the probe for write permission then finds it still there, and the test says why it skips
            }
            return null;
        });
        return writer;
    }

    private static <T> T on(ExecutorService thread, java.util.concurrent.Callable<T> work) throws Exception {
        return thread.submit(work).get(60, TimeUnit.SECONDS);
    }

    @Test
    void aLineCutShortByAnEarlierCrashStaysAloneOnItsLine(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("app.log");
        String cut = "{\"task_uuid\": \"8c668cde-235b-4872-af4e-caea524bd1c0\", \"task_le";
        Files.writeString(log, "{\"n\": -1}\n" + cut);

        try (JsonFileDestination file = JsonFileDestination.open(log)) {
            file.write(message(1));
        }

        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).isEqualTo(cut);
        assertThat(JSON.readTree(lines.get(2)).get("n").asInt()).isEqualTo(1);
    }

    private List<MessageRecord> reports(String type) {
        return watcher.messages().stream()
                .filter(m -> type.equals(m.messageType()))
                .toList();
    }

    /** The {@code n} of every test line in every file under {@code dir}; fails on a line that is not JSON. */
    private static List<Integer> numbersIn(Path dir) throws IOException {
        List<Integer> numbers = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    JsonNode node = JSON.readTree(line);
                    if ("test:n".equals(node.path("message_type").asString())) {
                        numbers.add(node.get("n").asInt());
                    }
                }
            }
        }
        return numbers;
    }
}
