package io.eliot.testing;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Runs {@link Scenario} classes with a real Jupiter engine and reads back how their tests ended. */
final class Scenarios {

    /** The configuration parameter that lets scenarios run. */
    static final String PARAMETER = "eliot.testing.scenario";

    private Scenarios() {}

    /** Runs {@code scenario}'s tests one after the other. */
    static EngineExecutionResults run(Class<?> scenario) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(PARAMETER, "true")
                .selectors(selectClass(scenario))
                .execute();
    }

    /** Runs {@code scenario}'s tests at the same time, on up to {@code threads} threads. */
    static EngineExecutionResults runConcurrently(Class<?> scenario, int threads) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(PARAMETER, "true")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "" + threads)
                .selectors(selectClass(scenario))
                .execute();
    }

    /** The exceptions the failed tests ended with, in the order they finished. */
    static List<Throwable> failures(EngineExecutionResults results) {
        return results.testEvents().failed().stream().map(Scenarios::throwable).toList();
    }

    /** The exception the only failed test ended with. */
    static Throwable onlyFailure(EngineExecutionResults results) {
        List<Throwable> failures = failures(results);
        if (failures.size() != 1) {
            throw new AssertionError("expected one failed test, got " + failures.size() + ": " + failures);
        }
        return failures.get(0);
    }

    private static Throwable throwable(Event event) {
        return event.getPayload(TestExecutionResult.class)
                .flatMap(TestExecutionResult::getThrowable)
                .orElseThrow();
    }
}
