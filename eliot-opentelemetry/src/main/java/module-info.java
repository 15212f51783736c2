/** Eliot messages as OpenTelemetry log records, and Eliot actions as spans. */
module io.eliot.opentelemetry {
    requires transitive io.eliot.core;
    requires transitive io.opentelemetry.api;
    requires io.opentelemetry.context;

    exports io.eliot.opentelemetry;
}
