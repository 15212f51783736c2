package io.eliot.benchmarks.compare;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.FileAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.NullConfiguration;
import org.apache.logging.log4j.layout.template.json.JsonTemplateLayout;

/**
 * log4j2 configured in code as its users set it up for fast JSON logs: all loggers asynchronous
 * (LMAX disruptor 3.4.x, ring buffer of {@link #QUEUE_CAPACITY}), a buffered {@link FileAppender}
 * with {@link JsonTemplateLayout}'s default (ECS) template. A full ring buffer makes the caller wait
 * (log4j2's default policy), so nothing is dropped.
 *
 * <p>Async loggers are chosen by system properties read when log4j2 starts: this setup must be the
 * first use of log4j2 in the JVM (one JMH fork per benchmark).
 */
final class Log4j2Setup extends LogSetup {

    private final LoggerContext context;
    private final Work work;

    private Log4j2Setup(Path dir) {
        super(dir);
        System.setProperty("log4j2.contextSelector", "org.apache.logging.log4j.core.async.AsyncLoggerContextSelector");
        System.setProperty("log4j2.asyncLoggerRingBufferSize", Integer.toString(QUEUE_CAPACITY));
        System.setProperty("log4j2.statusLoggerLevel", "ERROR");

        context = Configurator.initialize(new NullConfiguration());
        Configuration config = context.getConfiguration();
        JsonTemplateLayout layout = JsonTemplateLayout.newBuilder()
                .setConfiguration(config)
                .setEventTemplateUri("classpath:EcsLayout.json")
                .build();
        FileAppender file = FileAppender.newBuilder()
                .setName("file")
                .withFileName(file().toString())
                .withAppend(true)
                .setImmediateFlush(false)
                .setBufferedIo(true)
                .setBufferSize(FILE_BUFFER)
                .setLayout(layout)
                .setConfiguration(config)
                .build();
        file.start();
        config.addAppender(file);
        LoggerConfig root = config.getRootLogger();
        root.getAppenders().keySet().forEach(root::removeAppender);
        root.addAppender(file, Level.INFO, null);
        root.setLevel(Level.INFO);
        context.updateLoggers();
        if (!context.getClass().getName().contains("Async")) {
            throw new IllegalStateException("log4j2 did not start async loggers: " + context.getClass());
        }
        work = new Log4j2Work();
    }

    static Log4j2Setup start(Path dir) {
        return new Log4j2Setup(dir);
    }

    @Override
    public Work work() {
        return work;
    }

    @Override
    protected void stop() {
        // Drains the ring buffer into the file, then closes it.
        if (!Configurator.shutdown(context, 10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("log4j2 did not shut down in 10 minutes");
        }
    }
}
