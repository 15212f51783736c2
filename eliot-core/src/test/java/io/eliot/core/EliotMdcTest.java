package io.eliot.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import io.eliot.core.record.MessageRecord;
import io.eliot.core.slf4j.EliotMdc;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@link EliotMdc}: the SLF4J MDC (logback's, the real one) holds the current action's task uuid
 * and level on every thread where Eliot's context goes, and nothing once it has left.
 */
class EliotMdcTest {

    private static final String UUID = EliotMdc.DEFAULT_TASK_UUID_KEY;
    private static final String LEVEL = EliotMdc.DEFAULT_TASK_LEVEL_KEY;

    @RegisterExtension
    final LogCapture log = new LogCapture();

    @BeforeEach
    void install() {
        MDC.clear();
        EliotMdc.install();
    }

    @AfterEach
    void uninstall() {
        EliotMdc.uninstall();
        Hooks.disableAutomaticContextPropagation();
        MDC.clear();
    }

    /** The MDC's two Eliot keys on the calling thread, e.g. {@code [uuid, /2]}; nulls when absent. */
    private static List<String> mdc() {
        return Arrays.asList(MDC.get(UUID), MDC.get(LEVEL));
    }

    private static List<String> of(Action action) {
        return List.of(action.taskUuid(), action.taskLevel().toPath());
    }

    @Test
    void insideAnActionTheMdcHoldsItsTaskUuidAndItsOwnLevel() {
        Action task = Eliot.startTask("outer");
        List<String> inside = task.call(EliotMdcTest::mdc);

        assertThat(inside).containsExactly(task.taskUuid(), "/");
        assertThat(mdc()).containsOnlyNulls();
    }

    @Test
    void nestedActionsShowTheirOwnLevelsWhichTheirMessagesSitBelow() {
        List<List<String>> seen = new ArrayList<>();
        Eliot.startTask("outer").run(() -> {
            seen.add(mdc());
            Eliot.startAction("child").run(() -> {
                seen.add(mdc());
                Eliot.startAction("grandchild").run(() -> {
                    seen.add(mdc());
                    Eliot.log("deep");
                });
                seen.add(mdc());
            });
            seen.add(mdc());
        });

        String uuid = seen.get(0).get(0);
        assertThat(seen)
                .containsExactly(
                        List.of(uuid, "/"),
                        List.of(uuid, "/2"),
                        List.of(uuid, "/2/2"),
                        List.of(uuid, "/2"),
                        List.of(uuid, "/"));
        MessageRecord deep = log.messages().stream()
                .filter(m -> "deep".equals(m.messageType()))
                .findFirst()
                .orElseThrow();
        assertThat(deep.taskLevel().toPath()).isEqualTo("/2/2/2");
        assertThat(mdc()).containsOnlyNulls();
    }

    @Test
    void closingScopesPutsBackWhatWasThereBeforeEvenOutOfOrder() {
        Action first = Eliot.startTask("first");
        Action second = Eliot.startTask("second");

        ContextScope outer = first.context();
        assertThat(mdc()).isEqualTo(of(first));
        ContextScope inner = second.context();
        assertThat(mdc()).isEqualTo(of(second));
        inner.close();
        assertThat(mdc()).isEqualTo(of(first));
        ContextScope again = second.context();
        outer.close(); // out of order: what was current before 'outer' (nothing) is current again
        assertThat(mdc()).containsOnlyNulls();
        again.close();
        assertThat(mdc()).isEqualTo(of(first)); // 'again' puts back what it replaced
        ContextScope.restore(null);
        assertThat(mdc()).containsOnlyNulls();
        first.finish();
        second.finish();
    }

    @Test
    void eliotOwnsItsKeysAnApplicationValueIsReplacedAndRemoved() {
        MDC.put(UUID, "the application's");
        MDC.put("request_id", "r-1");

        Action task = Eliot.startTask("t");
        List<String> inside = task.call(EliotMdcTest::mdc);

        assertThat(inside.get(0)).isEqualTo(task.taskUuid());
        assertThat(MDC.get(UUID)).isNull();
        assertThat(MDC.get("request_id")).isEqualTo("r-1");
    }

    @Test
    void preserveContextCarriesTheKeysToAnotherThreadAndTakesThemAway() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Action task = Eliot.startTask("outer");
            Callable<List<String>> handedOff = task.call(() -> Eliot.preserveContext(EliotMdcTest::mdc));

            List<String> inside = pool.submit(handedOff).get(10, TimeUnit.SECONDS);
            List<String> afterwards = pool.submit(EliotMdcTest::mdc).get(10, TimeUnit.SECONDS);

            // The work runs in its eliot:remote_task, at the slot the hand-off took: /2.
            assertThat(inside).containsExactly(task.taskUuid(), "/2");
            assertThat(afterwards).containsOnlyNulls();
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aContextPreservingExecutorSetsTheKeysForEachTaskAndClearsThemAfter() throws Exception {
        ExecutorService pool = Eliot.contextPreserving(Executors.newSingleThreadExecutor());
        try {
            Action task = Eliot.startTask("outer");
            List<String> inside = task.call(() -> pool.submit(EliotMdcTest::mdc).get(10, TimeUnit.SECONDS));
            List<String> outside = pool.submit(EliotMdcTest::mdc).get(10, TimeUnit.SECONDS);

            assertThat(inside.get(0)).isEqualTo(task.taskUuid());
            assertThat(inside.get(1)).startsWith("/").isNotEqualTo("/");
            assertThat(outside).containsOnlyNulls();
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void virtualThreadsCarryTheKeysLikePlatformThreads() throws Exception {
        ExecutorService preserving = Eliot.contextPreserving(CrossThreadTest.newVirtualThreadPerTaskExecutor());
        try {
            Action task = Eliot.startTask("outer");
            List<List<String>> seen = task.call(() -> {
                List<java.util.concurrent.Future<List<String>>> futures = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    futures.add(preserving.submit(() -> {
                        assertThat(Thread.currentThread().toString()).contains("VirtualThread");
                        return Eliot.startAction("leaf").call(EliotMdcTest::mdc);
                    }));
                }
                List<List<String>> all = new ArrayList<>();
                for (var f : futures) {
                    all.add(f.get(10, TimeUnit.SECONDS));
                }
                return all;
            });

            assertThat(seen).hasSize(50).allSatisfy(mdc -> {
                assertThat(mdc.get(0)).isEqualTo(task.taskUuid());
                assertThat(mdc.get(1)).matches("/\\d+/\\d+"); // the leaf inside its remote_task
            });
            assertThat(seen.stream().map(mdc -> mdc.get(1)).distinct()).hasSize(50);
        } finally {
            preserving.shutdown();
            assertThat(preserving.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void withReactorAutomaticPropagationALogLineInAnOperatorOnAnotherThreadCarriesTheTask() {
        Hooks.enableAutomaticContextPropagation();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Logger logger = patternLogger(out, "%thread|%X{eliot.task_uuid}|%X{eliot.task_level}|%msg%n");
        try {
            Action task = Eliot.startTask("outer");
            String result = task.call(() -> Mono.just("a")
                    .publishOn(Schedulers.parallel())
                    .map(v -> {
                        logger.info("in the operator");
                        return v + "b";
                    })
                    .block(Duration.ofSeconds(10)));
            logger.info("after the task");

            assertThat(result).isEqualTo("ab");
            List<String[]> lines = out.toString(StandardCharsets.UTF_8)
                    .lines()
                    .map(line -> line.split("\\|", -1))
                    .toList();
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0)[0]).startsWith("parallel-");
            assertThat(lines.get(0)).containsExactly(lines.get(0)[0], task.taskUuid(), "/", "in the operator");
            assertThat(lines.get(1)).containsExactly(Thread.currentThread().getName(), "", "", "after the task");
        } finally {
            logger.detachAndStopAllAppenders();
        }
    }

    @Test
    void uninstallStopsFollowingAndRemovesTheKeysFromTheCallingThread() {
        Action task = Eliot.startTask("t");
        try (ContextScope ignored = task.context()) {
            assertThat(mdc()).isEqualTo(of(task));
            EliotMdc.uninstall();
            assertThat(EliotMdc.isInstalled()).isFalse();
            assertThat(mdc()).containsOnlyNulls();
            Eliot.startAction("child").run(() -> assertThat(mdc()).containsOnlyNulls());

            EliotMdc.install("trace.task", "trace.level"); // the calling thread at once
            assertThat(Arrays.asList(MDC.get("trace.task"), MDC.get("trace.level")))
                    .containsExactly(task.taskUuid(), "/");
        }
        assertThat(MDC.get("trace.task")).isNull();
        task.finish();
    }

    @Test
    void badKeysAreRefused() {
        assertThatThrownBy(() -> EliotMdc.install(" ", LEVEL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("taskUuidKey");
        assertThatThrownBy(() -> EliotMdc.install(UUID, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("taskLevelKey");
        assertThatThrownBy(() -> EliotMdc.install("same", "same"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must differ");
        assertThat(EliotMdc.isInstalled()).isTrue(); // the earlier installation is untouched
        assertThat(EliotMdc.isAvailable()).isTrue();
    }

    /** A logger of its own writing {@code pattern} lines to {@code out}, through logback. */
    private static Logger patternLogger(ByteArrayOutputStream out, String pattern) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(out);
        appender.start();
        Logger logger = context.getLogger("eliot-mdc-test");
        logger.setAdditive(false);
        logger.setLevel(Level.INFO);
        logger.addAppender(appender);
        return logger;
    }
}
