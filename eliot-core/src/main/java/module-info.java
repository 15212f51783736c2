/**
 * Eliot for Java's core: actions and messages ({@code io.eliot.core}), the records destinations and
 * parsers read ({@code record}), process-wide settings ({@code settings}), destinations, the JSON
 * encoder, the log parser, Reactor/context-propagation support ({@code reactor}, needing those
 * optional libraries) and the SLF4J MDC bridge ({@code slf4j}, needing SLF4J). The {@code internal} packages are not exported.
 */
module io.eliot.core {
    requires transitive tools.jackson.databind;
    requires java.sql;
    requires static org.slf4j;
    // Optional, for io.eliot.core.reactor only (its API shows their types: an application using it
    // requires them itself; 'static transitive' would force them on every module reading core).
    requires static context.propagation;
    requires static reactor.core;
    requires static org.reactivestreams;

    exports io.eliot.core;
    exports io.eliot.core.destination;
    exports io.eliot.core.exception;
    exports io.eliot.core.parse;
    exports io.eliot.core.reactor;
    exports io.eliot.core.record;
    exports io.eliot.core.serialization;
    exports io.eliot.core.settings;
    exports io.eliot.core.slf4j;

    // No 'provides io.micrometer.context.ThreadLocalAccessor': the boot layer would refuse to start
    // without context-propagation (ModulePathTest). On the module path, register the accessor
    // explicitly; on the class path META-INF/services does it.

    // Redacted values serialize through their Jackson annotations, wherever they end up.
    opens io.eliot.core.internal to
            tools.jackson.databind;
}
