package io.eliot.spring.internal;

import io.eliot.core.destination.Destination;

/**
 * Builds the destinations of type {@code opentelemetry}. A bean only when eliot-opentelemetry and
 * the OpenTelemetry API are on the class path, so the rest of the starter never touches their
 * classes.
 */
public interface OpenTelemetryDestinationProvider {

    /**
     * An OpenTelemetry destination sending through the application's {@code OpenTelemetry}.
     *
     * @param actionSpans whether each action is also a span
     * @param maxOpenSpans the most action spans open at once
     */
    Destination create(boolean actionSpans, int maxOpenSpans);
}
