package io.eliot.benchmarks.compare;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The work logged through the log4j2 API (no SLF4J) as two parameterized lines: what a log4j2 user
 * writes for a start and an end. The logger is looked up when first used, after {@link Log4j2Setup}
 * chose async loggers.
 */
public final class Log4j2Work implements Work {

    private final Logger log = LogManager.getLogger("bench.work");

    @Override
    public String work(int a, String b) {
        log.info("bench:work started a={} b={}", a, b);
        String result = Work.compute(a, b);
        log.info("bench:work succeeded result={}", result);
        return result;
    }
}
