package dev.undertowbase.launcher.server.handlers;

import java.io.IOException;

/**
 * A request whose framing broke after its head went to Undertow: the read fails and the
 * connection closes. Carries no stack trace: it is bad input, not a fault of the server.
 */
final class MalformedBodyException extends IOException {

    MalformedBodyException(String reason) {
        super("request rejected: " + reason);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
