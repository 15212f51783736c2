package io.eliot.core.internal;

/**
 * A logged value that threw while it was read on the caller's thread.
 *
 * @param field the field it was in
 * @param error what it threw
 */
public record CaptureFailure(String field, Throwable error) {}
