package io.eliot.testing;

import io.eliot.core.record.MessageRecord;
import io.eliot.core.serialization.JsonLineEncoder;
import io.eliot.testing.internal.CaptureRouter;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Routes everything a test logs into a {@link CapturedLog} given to the test, and checks it after
 * the test. Switch it on with {@link CaptureLogging}, or register it yourself to choose the JSON
 * encoder the serialization check uses:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final EliotExtension ELIOT = new EliotExtension(new JsonLineEncoder(applicationMapper));
 * }</pre>
 *
 * <h2>Which messages a test gets</h2>
 *
 * While at least one test with this extension runs, a single routing destination takes the place
 * of every registered destination; they are registered again when the last such test ends, in
 * parallel runs too. A message goes to test X when
 *
 * <ol>
 *   <li>it is logged on the thread running X, from the start of X's {@code beforeEach} callbacks to
 *       the end of its {@code afterEach} callbacks ({@code @BeforeEach} and {@code @AfterEach}
 *       methods included); or else
 *   <li>its {@code task_uuid} is that of a message X logged by rule 1, so work handed to other
 *       threads with {@code Eliot.preserveContext}, {@code Eliot.contextPreserving}, {@code
 *       Eliot.supplyAsync}, or continued from a task id X serialized, counts as X's too.
 * </ol>
 *
 * Any other message goes to the destinations registered before, so nothing is lost. Messages of
 * one test therefore never reach another test's log, however many run at once. Not captured: work
 * on threads the test starts without preserving its context (such as {@code assertTimeoutPreemptively}
 * or a {@code SEPARATE_THREAD} {@code @Timeout} running the test body), and messages logged after the
 * test ended. Destinations a test registers itself receive every message while registered.
 *
 * <h2>What is checked after each test</h2>
 *
 * After the test's {@code @AfterEach} methods, the test fails, listing the offending messages in
 * their task trees, if any {@linkplain LoggingCheck check} finds a problem: an {@code
 * eliot:traceback} not {@linkplain CapturedLog#flushTracebacks flushed}, a message that cannot be
 * encoded to JSON, a typed message that does not match its type. {@link SkipLoggingChecks} turns a
 * check off, with a reason.
 *
 * <p>Keeps no state of its own between callbacks, so it works with any test instance lifecycle,
 * {@code @Nested} classes and alongside Spring's {@code SpringExtension}. Register one per test:
 * when two are registered, the first to run captures and the other stands aside.
 */
public final class EliotExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(EliotExtension.class);
    private static final String KEY = "capture";

    /** Unflushed tracebacks whose stack trace a failure shows in full. */
    private static final int MAX_STACK_TRACES = 3;

    private final JsonLineEncoder encoder;

    /** An extension whose serialization check uses a default {@link JsonLineEncoder}. */
    public EliotExtension() {
        this(new JsonLineEncoder());
    }

    /** An extension whose serialization check uses {@code encoder}, e.g. one with your Jackson mapper. */
    public EliotExtension(JsonLineEncoder encoder) {
        this.encoder = Objects.requireNonNull(encoder, "encoder");
    }

    /** The capture of one test, closed when the test's extension context closes at the latest. */
    private record Running(EliotExtension extension, CapturedLog log, Set<LoggingCheck> skipped)
            implements AutoCloseable {

        @Override
        public void close() {
            log.stop();
        }
    }

    /** Starts capturing on the test's thread. */
    @Override
    public void beforeEach(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        if (store.get(KEY) != null) {
            return;
        }
        Set<LoggingCheck> skipped = skippedChecks(context);
        store.put(KEY, new Running(this, new CapturedLog(CaptureRouter.global().start(), encoder), skipped));
    }

    /**
     * Stops capturing, then runs the checks not skipped.
     *
     * @throws AssertionError naming every problem found, with the task trees of the messages involved
     */
    @Override
    public void afterEach(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        Running running = store.get(KEY, Running.class);
        if (running == null || running.extension() != this) {
            return;
        }
        store.remove(KEY);
        running.close();
        List<String> problems = new ArrayList<>(3);
        for (LoggingCheck check : LoggingCheck.values()) {
            if (!running.skipped().contains(check)) {
                String problem = check(check, running.log());
                if (problem != null) {
                    problems.add(problem);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(String.join("\n\n", problems));
        }
    }

    /** Supports parameters of type {@link CapturedLog}. */
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        if (parameter.getParameter().getType() != CapturedLog.class) {
            return false;
        }
        Running running = context.getStore(NAMESPACE).get(KEY, Running.class);
        return running == null || running.extension() == this;
    }

    /**
     * The test's {@link CapturedLog}.
     *
     * @throws ParameterResolutionException where no test is running: in a constructor, or a
     *     {@code @BeforeAll} or {@code @AfterAll} method
     */
    @Override
    public CapturedLog resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Running running = context.getStore(NAMESPACE).get(KEY, Running.class);
        if (running == null) {
            throw new ParameterResolutionException("a CapturedLog is given to test methods and to @BeforeEach and"
                    + " @AfterEach methods, not to " + parameter.getDeclaringExecutable());
        }
        return running.log();
    }

    private static Set<LoggingCheck> skippedChecks(ExtensionContext context) {
        Set<LoggingCheck> skipped = EnumSet.noneOf(LoggingCheck.class);
        for (Optional<ExtensionContext> c = Optional.of(context);
                c.isPresent();
                c = c.get().getParent()) {
            Optional<AnnotatedElement> element = c.get().getElement();
            Optional<SkipLoggingChecks> skip =
                    element.flatMap(e -> AnnotationSupport.findAnnotation(e, SkipLoggingChecks.class));
            if (skip.isPresent()) {
                if (skip.get().reason().isBlank()) {
                    throw new ExtensionConfigurationException("@SkipLoggingChecks on " + describe(element.get())
                            + " has a blank reason; say why the checks do not apply");
                }
                skipped.addAll(List.of(skip.get().value()));
            }
        }
        return skipped;
    }

    private static String describe(AnnotatedElement element) {
        return element instanceof Method m
                ? m.getDeclaringClass().getName() + "." + m.getName() + "()"
                : element instanceof Class<?> c ? c.getName() : element.toString();
    }

    /** What {@code check} finds wrong with {@code log}, as a failure message section; null if nothing. */
    private static String check(LoggingCheck check, CapturedLog log) {
        Map<MessageRecord, String> notes = new IdentityHashMap<>();
        String heading;
        switch (check) {
            case TRACEBACKS -> {
                List<MessageRecord> tracebacks = log.unflushedTracebacks();
                tracebacks.forEach(m -> notes.put(m, "not flushed"));
                int n = tracebacks.size();
                heading = count(n, "eliot:traceback message") + (n == 1 ? " was" : " were")
                        + " logged and not flushed. If " + (n == 1 ? "it is" : "they are")
                        + " expected, take " + (n == 1 ? "it" : "them")
                        + " with CapturedLog.flushTracebacks(ExceptionType.class); to skip this check, annotate"
                        + " the test with @SkipLoggingChecks(value = TRACEBACKS, reason = \"...\").";
            }
            case SERIALIZATION -> {
                for (MessageRecord message : log.messages()) {
                    try {
                        log.encoder().encodeStrictly(message);
                    } catch (RuntimeException e) {
                        notes.put(message, e.getMessage());
                    }
                }
                int n = notes.size();
                heading = count(n, "message")
                        + " cannot be serialized to JSON; to skip this check, annotate the test with"
                        + " @SkipLoggingChecks(value = SERIALIZATION, reason = \"...\").";
            }
            case VALIDATION -> {
                for (MessageRecord message : log.messages()) {
                    message.schema().ifPresent(schema -> {
                        try {
                            schema.validate(message);
                        } catch (RuntimeException e) {
                            notes.put(message, e.getMessage());
                        }
                    });
                }
                int n = notes.size();
                heading = count(n, "message") + (n == 1 ? " does not match its type" : " do not match their types")
                        + "; to skip this check, annotate the test with"
                        + " @SkipLoggingChecks(value = VALIDATION, reason = \"...\").";
            }
            default -> throw new IllegalStateException(check.name());
        }
        if (notes.isEmpty()) {
            return null;
        }
        Set<String> tasks = notes.keySet().stream().map(MessageRecord::taskUuid).collect(Collectors.toSet());
        StringBuilder section = new StringBuilder(heading)
                .append('\n')
                .append(new TaskIndex(log.messages()).render(tasks::contains, notes));
        if (check == LoggingCheck.TRACEBACKS) {
            List<MessageRecord> tracebacks = log.unflushedTracebacks();
            for (MessageRecord traceback : tracebacks.subList(0, Math.min(tracebacks.size(), MAX_STACK_TRACES))) {
                section.append("\nTraceback at ")
                        .append(traceback.taskLevel())
                        .append(" in task ")
                        .append(traceback.taskUuid())
                        .append(":\n")
                        .append(String.valueOf(traceback.fields().get("traceback"))
                                .stripTrailing());
            }
            if (tracebacks.size() > MAX_STACK_TRACES) {
                section.append("\n(")
                        .append(tracebacks.size() - MAX_STACK_TRACES)
                        .append(" more stack traces not shown)");
            }
        }
        return section.toString();
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
