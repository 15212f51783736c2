/** The aspect that weaves {@code @LoggedAction} and {@code @LogMessage} methods. */
module io.eliot.aspects {
    requires transitive io.eliot.core;
    requires transitive io.eliot.annotations;
    requires transitive org.aspectj.runtime;
    requires static reactor.core;
    requires static org.reactivestreams;

    exports io.eliot.aspects;
}
