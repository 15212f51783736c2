/** Spring Boot auto-configuration of Eliot's OpenTelemetry destination (needs eliot-opentelemetry). */
package io.eliot.spring.opentelemetry;
