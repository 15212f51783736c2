package io.eliot.core;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.jupiter.api.function.Executable;

/**
 * Seeds for randomized tests: a fixed set plus one fresh seed per run, or only the one given with
 * {@code -Deliot.seed=N} to replay a failure. Every failure names its seed and how to replay it.
 * Use {@link SeededTest} on a method taking a {@code long seed}, or {@link #forEach} inside a test.
 */
public final class Seeds implements TestTemplateInvocationContextProvider {

    /** The system property that replays one seed (Maven passes {@code -D} properties to the tests). */
    public static final String PROPERTY = "eliot.seed";

    /** Seeds every run checks, so a case once found stays covered. */
    static final List<Long> FIXED = List.of(1L, 20261202L, -7_046_029_254_386_353_131L);

    /** {@code -Deliot.seed=N} alone if given; otherwise {@link #FIXED} and one fresh seed. */
    public static List<Long> all() {
        String replay = System.getProperty(PROPERTY);
        if (replay != null && !replay.isBlank()) {
            return List.of(Long.parseLong(replay.trim()));
        }
        return Stream.concat(
                        FIXED.stream(), Stream.of(ThreadLocalRandom.current().nextLong()))
                .toList();
    }

    /** "seed N (replay with -Deliot.seed=N)", for assertion messages. */
    public static String label(long seed) {
        return "seed " + seed + " (replay with -D" + PROPERTY + "=" + seed + ")";
    }

    /** Runs {@code body} for each of {@link #all()}, a failure naming its seed. */
    public static void forEach(SeededBody body) throws Throwable {
        for (long seed : all()) {
            check(seed, () -> body.run(seed));
        }
    }

    /** Runs {@code body}; a failure is rethrown as an {@link AssertionError} naming {@code seed}. */
    public static void check(long seed, Executable body) throws Throwable {
        try {
            body.execute();
        } catch (Throwable failure) {
            throw failed(seed, failure);
        }
    }

    private static Throwable failed(long seed, Throwable failure) {
        if (failure instanceof SeedFailure
                || failure instanceof VirtualMachineError
                || String.valueOf(failure.getMessage()).contains(label(seed))) {
            return failure;
        }
        return new SeedFailure(label(seed) + ": " + failure, failure);
    }

    /** A test body run with one seed. */
    @FunctionalInterface
    public interface SeededBody {
        void run(long seed) throws Throwable;
    }

    private static final class SeedFailure extends AssertionError {
        private static final long serialVersionUID = 1L;

        SeedFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod()
                .map(m -> m.isAnnotationPresent(SeededTest.class))
                .orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        List<Long> fixed = FIXED;
        return all().stream().map(seed -> new TestTemplateInvocationContext() {
            @Override
            public String getDisplayName(int invocationIndex) {
                return (fixed.contains(seed) ? "seed " : "fresh seed ") + seed;
            }

            @Override
            public List<org.junit.jupiter.api.extension.Extension> getAdditionalExtensions() {
                return List.of(new Invocation(seed));
            }
        });
    }

    /** Gives the test its seed and names the seed in any failure. */
    private record Invocation(long seed) implements ParameterResolver, TestExecutionExceptionHandler {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == long.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return seed;
        }

        @Override
        public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
            throw failed(seed, failure);
        }
    }
}
