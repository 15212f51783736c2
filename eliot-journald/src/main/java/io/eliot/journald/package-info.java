/**
 * Eliot to the systemd journal: {@link io.eliot.journald.JournaldDestination} sends every message as
 * one journal entry over journald's native protocol, queryable by task ({@code journalctl
 * ELIOT_TASK=<uuid>}). Needs Linux and {@code net.java.dev.jna:jna} 5.x on the class path.
 */
package io.eliot.journald;
