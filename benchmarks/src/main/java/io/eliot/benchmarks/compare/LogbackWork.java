package io.eliot.benchmarks.compare;

import static net.logstash.logback.argument.StructuredArguments.kv;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work logged through SLF4J as two lines with logstash-logback-encoder's structured arguments,
 * which become JSON fields: what a logback user writes for a start and an end.
 */
public final class LogbackWork implements Work {

    private static final Logger LOG = LoggerFactory.getLogger("bench.work");

    @Override
    public String work(int a, String b) {
        LOG.info("bench:work started", kv("a", a), kv("b", b));
        String result = Work.compute(a, b);
        LOG.info("bench:work succeeded", kv("result", result));
        return result;
    }
}
