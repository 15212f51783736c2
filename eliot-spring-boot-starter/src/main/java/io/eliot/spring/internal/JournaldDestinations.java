package io.eliot.spring.internal;

import io.eliot.core.destination.Destination;
import io.eliot.core.serialization.JsonLineEncoder;
import io.eliot.journald.JournaldDestination;
import io.eliot.spring.EliotConfigurationException;

/**
 * Builds journald destinations. The only class of the starter that refers to eliot-journald (an
 * optional dependency): loaded only once {@link DestinationFactory} has found it on the class path.
 */
final class JournaldDestinations {

    private JournaldDestinations() {}

    /** Why this JVM cannot send to journald, or {@code null} if it can (given a socket). */
    static String unavailableReason() {
        return JournaldDestination.unavailableReason();
    }

    static Destination build(DestinationOptions o, JsonLineEncoder encoder, String applicationName) {
        JournaldDestination.Builder builder = JournaldDestination.builder().encoder(encoder);
        if (o.journald != null && o.journald.getSocketPath() != null) {
            builder.socketPath(o.journald.getSocketPath());
        }
        if (o.journald != null && o.journald.getSyslogIdentifier() != null) {
            builder.syslogIdentifier(o.journald.getSyslogIdentifier());
        } else if (applicationName != null && !applicationName.isBlank()) {
            builder.syslogIdentifier(applicationName);
        }
        try {
            return builder.build();
        } catch (IllegalStateException e) {
            throw new EliotConfigurationException(o.property("journald.socket-path"), e.getMessage(), e);
        }
    }
}
