/**
 * The destinations registry every message passes through; not API, may change in any release. It
 * sits above {@code io.eliot.core.destination}: destinations reach it only through {@code
 * Destination}'s delivery reports.
 */
package io.eliot.core.internal.registry;
