/** Eliot for Java's core: actions, messages, destinations, the wire format and its parser. */
module io.eliot.core {
    requires transitive tools.jackson.databind;
    requires java.sql;
    requires static org.slf4j;
    requires static com.sun.jna;

    exports io.eliot.core;
    exports io.eliot.core.context;
    exports io.eliot.core.destination;
    exports io.eliot.core.exception;
    exports io.eliot.core.parse;
    exports io.eliot.core.serialization;
    exports io.eliot.core.type;

    opens io.eliot.core.internal to
            tools.jackson.databind;
}
