package io.eliot.tools;

/** A command line the tools cannot run: the message says what is wrong with it. */
final class UsageException extends Exception {
    UsageException(String message) {
        super(message, null, false, false);
    }
}
