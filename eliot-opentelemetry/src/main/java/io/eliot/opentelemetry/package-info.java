/**
 * Eliot and OpenTelemetry: {@link io.eliot.opentelemetry.OpenTelemetryDestination} emits every
 * message as a log record through the Logs Bridge API (and optionally every action as a span), so the
 * application's OpenTelemetry SDK exports them over OTLP; {@link io.eliot.opentelemetry.EliotLogRecords}
 * says how records map to messages and rebuilds messages from stored records.
 */
package io.eliot.opentelemetry;
