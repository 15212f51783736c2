/** A logback appender that puts SLF4J events into the current Eliot task. */
module io.eliot.logback {
    requires transitive io.eliot.core;
    requires static ch.qos.logback.classic;
    requires static ch.qos.logback.core;
    requires static org.slf4j;

    exports io.eliot.logback;
}
