package io.eliot.core.internal.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.destination.Destination;
import io.eliot.core.destination.MemoryDestination;
import io.eliot.core.internal.TaskUuids;
import io.eliot.core.record.MessageRecord;
import io.eliot.core.record.TaskLevel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The registry on its own (a fresh one per test, not the process-wide one). */
class DestinationsTest {

    private final Destinations registry = new Destinations(false);

    private static MessageRecord message(int n) {
        return MessageRecord.message(TaskUuids.next(), TaskLevel.of(1), 0, "test:n", Map.of("n", n));
    }

    @Test
    void messagesBeforeTheFirstDestinationAreKeptAndReplayedToIt() {
        for (int n = 1; n <= 3; n++) {
            registry.send(message(n));
        }
        MemoryDestination first = new MemoryDestination();
        MemoryDestination second = new MemoryDestination();

        registry.add(first);
        registry.send(message(4));
        registry.add(second);

        assertThat(first.messages()).extracting(m -> m.fields().get("n")).containsExactly(1, 2, 3, 4);
        assertThat(second.messages())
                .as("only the first destination gets the replay")
                .isEmpty();
        assertThat(registry.droppedFromBuffer()).isZero();
    }

    @Test
    void beyondOneThousandTheOldestAreDroppedCountedAndReported() {
        for (int n = 1; n <= 1_250; n++) {
            registry.send(message(n));
        }
        MemoryDestination first = new MemoryDestination();

        registry.add(first);

        List<MessageRecord> got = first.messages();
        assertThat(got).hasSize(1_001);
        assertThat(got.get(0).fields().get("n")).isEqualTo(251);
        assertThat(got.get(999).fields().get("n")).isEqualTo(1_250);
        MessageRecord report = got.get(1_000);
        assertThat(report.messageType()).isEqualTo("eliot:messages_dropped");
        assertThat(report.fields()).containsEntry("count", 250L);
        assertThat(registry.droppedFromBuffer()).isEqualTo(250);
    }

    @Test
    void afterTheFirstDestinationMessagesWithNoDestinationAreCountedAndWrittenToStandardErrorNotBuffered() {
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        Destinations registry = new Destinations(false, new PrintStream(stderr, true, StandardCharsets.UTF_8));
        MemoryDestination only = new MemoryDestination();
        registry.add(only);
        registry.remove(only);

        registry.send(message(1));
        registry.add(only);

        assertThat(only.messages()).isEmpty();
        assertThat(registry.droppedWithoutDestination()).isEqualTo(1);
        assertThat(stderr.toString(StandardCharsets.UTF_8).lines().toList())
                .hasSize(2)
                .first()
                .isEqualTo(Destinations.NO_DESTINATION_NOTICE);
    }

    @Test
    void messagesLoggedAfterCloseAllAreCountedAndWrittenToStandardErrorNeverToTheClosedDestinations() {
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        Destinations registry = new Destinations(false, new PrintStream(stderr, true, StandardCharsets.UTF_8));
        MemoryDestination memory = new MemoryDestination();
        registry.add(memory);
        registry.send(message(1));

        registry.closeAll();
        registry.send(message(2));
        registry.send(message(3));

        assertThat(memory.messages()).extracting(m -> m.fields().get("n")).containsExactly(1);
        assertThat(registry.destinations()).isEmpty();
        assertThat(registry.droppedWithoutDestination()).isEqualTo(2);
        List<String> lines = stderr.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo(Destinations.NO_DESTINATION_NOTICE);
        assertThat(lines.get(1)).contains("\"message_type\":\"test:n\"").contains("\"n\":2");
        assertThat(lines.get(2)).contains("\"message_type\":\"test:n\"").contains("\"n\":3");
    }

    @Test
    void aMessageRefusedByADestinationClosedWhileItWasOnItsWayGoesToStandardError() throws Exception {
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        Destinations registry = new Destinations(false, new PrintStream(stderr, true, StandardCharsets.UTF_8));
        java.util.concurrent.CountDownLatch writing = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
        registry.add(new Destination() {
            @Override
            public void write(MessageRecord message) throws InterruptedException {
                writing.countDown();
                closed.await();
                throw new IllegalStateException("closed; the message was not written");
            }
        });
        Thread logger = new Thread(() -> registry.send(message(7)));
        logger.start();
        writing.await();

        registry.closeAll();
        closed.countDown();
        logger.join();

        assertThat(registry.droppedWithoutDestination()).isEqualTo(1);
        assertThat(registry.destinationFailures()).isZero();
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("\"n\":7");
    }

    @Test
    void aThrowingDestinationDoesNotStopTheOthersAndIsReportedToThem() {
        MemoryDestination before = new MemoryDestination();
        MemoryDestination after = new MemoryDestination();
        Destination broken = new Destination() {
            @Override
            public void write(MessageRecord message) {
                throw new IllegalStateException("broken destination");
            }

            @Override
            public String toString() {
                return "Broken";
            }
        };
        registry.add(before);
        registry.add(broken);
        registry.add(after);

        registry.send(message(7));

        assertThat(before.messages()).hasSize(2);
        assertThat(after.messages()).hasSize(2);
        MessageRecord failure = after.messages().stream()
                .filter(m -> "eliot:destination_failure".equals(m.messageType()))
                .findFirst()
                .orElseThrow();
        assertThat(failure.taskLevel()).isEqualTo(TaskLevel.of(1));
        assertThat(failure.fields())
                .containsEntry("exception", "java.lang.IllegalStateException")
                .containsEntry("reason", "broken destination")
                .containsEntry("destination", "Broken");
        assertThat((String) failure.fields().get("message")).contains("n=7");
        assertThat(registry.unreportedFailures()).isZero();
    }

    @Test
    void aRunOfFailuresIsReportedOnceAndItsEndWithTheCount() {
        MemoryDestination watcher = new MemoryDestination();
        boolean[] broken = {true};
        Destination flaky = message -> {
            if (broken[0]) {
                throw new java.io.IOException("No space left on device");
            }
        };
        registry.add(watcher);
        registry.add(flaky);

        for (int n = 1; n <= 5; n++) {
            registry.send(message(n));
        }
        broken[0] = false;
        registry.send(message(6));
        registry.send(message(7));

        List<MessageRecord> reports = watcher.messages().stream()
                .filter(m -> m.messageType().startsWith("eliot:"))
                .toList();
        assertThat(reports)
                .extracting(MessageRecord::messageType)
                .containsExactly("eliot:destination_failure", "eliot:destination_recovered");
        assertThat(reports.get(0).fields()).containsEntry("reason", "No space left on device");
        assertThat(reports.get(1).fields()).containsEntry("failed_messages", 5L);
        assertThat(registry.destinationFailures()).isEqualTo(5);
    }

    @Test
    void aDestinationThatReportsDeliveryItselfFailsAndRecoversOnlyWhenItSaysSo() {
        MemoryDestination watcher = new MemoryDestination();
        List<MessageRecord> handedOn = new java.util.ArrayList<>();
        Destination network = new Destination() {
            @Override
            public void write(MessageRecord message) {
                handedOn.add(message); // sent later, like a network client's buffer
            }

            @Override
            public boolean reportsDelivery() {
                return true;
            }

            @Override
            public String toString() {
                return "Network";
            }
        };
        registry.add(watcher);
        registry.add(network);

        registry.send(message(1));
        registry.send(message(2));
        registry.reportFailure(network, handedOn.get(0), new java.net.ConnectException("Connection refused"));
        registry.reportFailure(network, handedOn.get(1), new java.net.ConnectException("Connection refused"));
        registry.send(message(3)); // handed on without an error: not yet a delivery
        List<String> beforeRecovery = watcher.messages().stream()
                .map(MessageRecord::messageType)
                .filter(t -> t.startsWith("eliot:"))
                .toList();
        registry.reportDelivered(network);

        assertThat(beforeRecovery).containsExactly("eliot:destination_failure");
        MessageRecord recovered = watcher.messages().get(watcher.messages().size() - 1);
        assertThat(recovered.messageType()).isEqualTo("eliot:destination_recovered");
        assertThat(recovered.fields()).containsEntry("destination", "Network").containsEntry("failed_messages", 2L);
        assertThat(registry.destinationFailures()).isEqualTo(2);
    }

    @Test
    void aFailureIsNotReportedToAnyDestinationThatWrapsTheFailingOne() {
        MemoryDestination watcher = new MemoryDestination();
        MemoryDestination failing = new MemoryDestination();
        List<MessageRecord> throughWrapper = new java.util.ArrayList<>();
        Destination filter = new Destination() {
            @Override
            public void write(MessageRecord message) throws Exception {
                throughWrapper.add(message);
                failing.write(message);
            }

            @Override
            public Destination wrapped() {
                return failing;
            }
        };
        Destination outer = new Destination() {
            @Override
            public void write(MessageRecord message) throws Exception {
                filter.write(message);
            }

            @Override
            public Destination wrapped() {
                return filter;
            }
        };
        registry.add(watcher);
        registry.add(outer);

        registry.reportFailure(failing, message(1), new java.io.IOException("disk full"));

        assertThat(watcher.messages())
                .extracting(MessageRecord::messageType)
                .containsExactly("eliot:destination_failure");
        assertThat(throughWrapper)
                .as("nothing reported back into the wrappers feeding it")
                .isEmpty();
    }

    @Test
    void aFailureIsNotReportedToTheQueueInFrontOfTheFailingDestination() throws Exception {
        MemoryDestination watcher = new MemoryDestination();
        MemoryDestination behindQueue = new MemoryDestination();
        io.eliot.core.destination.AsyncDestination queue = io.eliot.core.destination.AsyncDestination.wrap(behindQueue);
        registry.add(watcher);
        registry.add(queue);

        registry.reportFailure(behindQueue, message(1), new java.io.IOException("broken pipe"));
        queue.close();

        assertThat(watcher.messages())
                .extracting(MessageRecord::messageType)
                .containsExactly("eliot:destination_failure");
        assertThat(behindQueue.messages()).isEmpty();
    }

    @Test
    void aDestinationWritingToAFullDiskNeverStopsTheApplicationAndIsReportedOnce() throws Exception {
        java.nio.file.Path full = java.nio.file.Path.of("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(
                java.nio.file.Files.isWritable(full), "/dev/full is not available on this machine");
        MemoryDestination watcher = new MemoryDestination();
        io.eliot.core.destination.JsonFileDestination disk = io.eliot.core.destination.JsonFileDestination.open(full);
        registry.add(watcher);
        registry.add(disk);

        for (int n = 1; n <= 100; n++) {
            registry.send(message(n));
        }

        assertThat(watcher.messages().stream().filter(m -> "eliot:destination_failure".equals(m.messageType())))
                .hasSize(1);
        assertThat(watcher.messages()).hasSize(101);
        assertThat(registry.destinationFailures()).isEqualTo(100);
        registry.remove(disk);
        try {
            disk.close();
        } catch (java.io.IOException expected) {
            // closing flushes into the full device
        }
    }

    @Test
    void aDestinationThatFailsToCloseIsReportedOnTheOnesNotClosedYet() {
        MemoryDestination later = new MemoryDestination();
        registry.add(new Destination() {
            @Override
            public void write(MessageRecord message) {}

            @Override
            public void close() throws java.util.concurrent.TimeoutException {
                throw new java.util.concurrent.TimeoutException("7 queued messages were not written");
            }

            @Override
            public String toString() {
                return "Stuck";
            }
        });
        registry.add(later);

        registry.closeAll();

        assertThat(later.messages()).singleElement().satisfies(report -> {
            assertThat(report.messageType()).isEqualTo("eliot:destination_failure");
            assertThat(report.fields())
                    .containsEntry("destination", "Stuck")
                    .containsEntry("reason", "7 queued messages were not written");
        });
        assertThat(registry.unreportedFailures()).isZero();
    }

    @Test
    void aFailureNobodyCanHearIsCounted() {
        registry.add(message -> {
            throw new IllegalStateException("alone");
        });

        registry.send(message(1));

        assertThat(registry.unreportedFailures()).isEqualTo(1);
    }

    @Test
    void globalFieldsAreAnImmutableSnapshotThatChangesOnlyByReplacement() {
        registry.addGlobalFields(Map.of("service", "orders"));
        Map<String, Object> before = registry.globalFields();
        registry.addGlobalFields(Map.of("version", "1.2"));
        registry.removeGlobalFields(List.of("service"));

        assertThat(before).isEqualTo(Map.of("service", "orders"));
        assertThat(registry.globalFields()).isEqualTo(Map.of("version", "1.2"));
        assertThat(registry.ownMessage("eliot:x", Map.of()).globalFields()).isEqualTo(Map.of("version", "1.2"));
    }

    @Test
    void closeAllClosesEveryDestinationAndSurvivesOneThatThrows() {
        MemoryDestination memory = new MemoryDestination();
        boolean[] closed = new boolean[1];
        registry.add(new Destination() {
            @Override
            public void write(MessageRecord message) {}

            @Override
            public void close() {
                throw new IllegalStateException("cannot close");
            }
        });
        registry.add(new Destination() {
            @Override
            public void write(MessageRecord message) {}

            @Override
            public void close() {
                closed[0] = true;
            }
        });
        registry.add(memory);

        registry.closeAll();

        assertThat(closed[0]).isTrue();
        assertThat(memory.messages())
                .extracting(MessageRecord::messageType)
                .containsExactly("eliot:destination_failure");
        assertThat(registry.unreportedFailures()).isZero();
    }
}
