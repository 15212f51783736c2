/**
 * The SLF4J MDC following Eliot's context: {@link io.eliot.core.slf4j.EliotMdc} puts the current
 * action's task uuid and level in the MDC, so ordinary log lines carry them. SLF4J is an optional
 * dependency of eliot-core; nothing here loads it until {@link io.eliot.core.slf4j.EliotMdc#install}
 * is called with SLF4J present.
 */
package io.eliot.core.slf4j;
