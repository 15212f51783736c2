/** A destination writing to systemd-journald's native protocol. */
module io.eliot.journald {
    requires transitive io.eliot.core;
    requires static com.sun.jna;

    exports io.eliot.journald;
}
