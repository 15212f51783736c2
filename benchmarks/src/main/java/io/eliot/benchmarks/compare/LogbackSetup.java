package io.eliot.benchmarks.compare;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.LoggerFactory;

/**
 * logback configured in code as its users set it up for JSON logs in production: a {@link
 * FileAppender} with logstash-logback-encoder's {@link LogstashEncoder}, behind an {@link
 * AsyncAppender} that never discards (discarding threshold 0, blocking when full) and drains on
 * stop.
 */
final class LogbackSetup extends LogSetup {

    private final Work work;
    private final LoggerContext context;
    private final AsyncAppender async;

    private LogbackSetup(Path dir, Work work) {
        super(dir);
        this.work = work;
        context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();

        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(context);
        encoder.start();

        FileAppender<ILoggingEvent> file = new FileAppender<>();
        file.setContext(context);
        file.setName("file");
        file.setFile(file().toString());
        file.setEncoder(encoder);
        file.setImmediateFlush(false);
        file.setBufferSize(new FileSize(FILE_BUFFER));
        file.start();

        async = new AsyncAppender();
        async.setContext(context);
        async.setName("async");
        async.setQueueSize(QUEUE_CAPACITY);
        async.setDiscardingThreshold(0);
        async.setNeverBlock(false);
        async.setMaxFlushTime(600_000);
        async.addAppender(file);
        async.start();

        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.setLevel(Level.INFO);
        root.addAppender(async);
        // jcabi-aspects announces its own threads at INFO: not part of the work measured.
        context.getLogger("com.jcabi.aspects.aj").setLevel(Level.WARN);
    }

    static LogbackSetup start(Path dir, Work work) {
        return new LogbackSetup(dir, work);
    }

    @Override
    public Work work() {
        return work;
    }

    @Override
    protected void stop() {
        context.stop(); // the async appender drains its queue into the file, then the file closes
    }
}
