package io.eliot.spring.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.eliot.core.Eliot;
import io.eliot.logback.EliotLogbackAppender;
import io.eliot.spring.EliotAutoConfiguration;
import io.eliot.spring.EliotProperties;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * When logback is the logging system, attaches {@link EliotLogbackAppender} to the root logger, so
 * {@code log.info(...)} inside an action appears in the action's tree. Off with {@code
 * eliot.logback.enabled=false}. The loggers of slf4j destinations are ignored, so nothing loops.
 */
@AutoConfiguration(after = EliotAutoConfiguration.class)
@ConditionalOnClass({Eliot.class, LoggerContext.class, EliotLogbackAppender.class})
@ConditionalOnBooleanProperty(name = "eliot.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "eliot.logback.enabled", matchIfMissing = true)
@EnableConfigurationProperties({EliotLogbackProperties.class, EliotProperties.class})
public class EliotLogbackAutoConfiguration {

    /** The bridge, attached to logback's root logger while the application runs. */
    @Bean
    @ConditionalOnMissingBean
    public EliotLogbackBridge eliotLogbackBridge(EliotLogbackProperties logback, EliotProperties eliot) {
        Set<String> ignored = new LinkedHashSet<>(logback.getIgnoredLoggers());
        ignored.add("eliot");
        ignored.add("io.eliot");
        eliot.getDestinations().values().stream()
                .map(EliotProperties.DestinationProperties::slf4jLoggerName)
                .filter(java.util.Objects::nonNull)
                .forEach(ignored::add);
        EliotLogbackAppender appender = new EliotLogbackAppender();
        appender.setLevel(Level.toLevel(logback.getLevel(), Level.INFO));
        ignored.forEach(appender::addIgnoredLogger);
        return new EliotLogbackBridge(appender);
    }

    /** Attaches the appender when created, detaches it when the context closes. */
    public static final class EliotLogbackBridge implements DisposableBean {

        private final EliotLogbackAppender appender;
        private final LoggerContext context;

        /** Attaches {@code appender} to the root logger, unless logback is not the SLF4J binding or one is attached. */
        public EliotLogbackBridge(EliotLogbackAppender appender) {
            this.appender = appender;
            LoggerContext attachedTo = null;
            if (LoggerFactory.getILoggerFactory() instanceof LoggerContext loggerContext) {
                ch.qos.logback.classic.Logger root = loggerContext.getLogger(Logger.ROOT_LOGGER_NAME);
                if (root.getAppender(EliotLogbackAppender.NAME) == null) {
                    appender.setContext(loggerContext);
                    appender.start();
                    root.addAppender(appender);
                    attachedTo = loggerContext;
                }
            }
            this.context = attachedTo;
        }

        /** Whether this bridge attached its appender (false when another one already was). */
        public boolean isAttached() {
            return context != null;
        }

        @Override
        public void destroy() {
            if (context != null) {
                context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
                appender.stop();
            }
        }
    }
}
