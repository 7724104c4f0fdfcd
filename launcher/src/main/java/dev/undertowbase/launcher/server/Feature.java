package dev.undertowbase.launcher.server;

import io.undertow.server.HttpHandler;
import org.xnio.OptionMap;

/**
 * One concern of the server (the access log, timeouts, probes, load shedding), contributing what
 * it needs: the handler it puts in front of the next one, the way Undertow's own handlers wrap
 * {@code next}, the listener options it depends on, and a word when the server begins to stop.
 * The server asks its {@link HandlerChain} for these and never knows a feature by name.
 */
public interface Feature extends AutoCloseable {

    /** The handler in front of {@code next}; a feature that only sets options returns {@code next}. */
    default HttpHandler wrap(HttpHandler next) {
        return next;
    }

    /** Adds the Undertow listener options the feature needs. */
    default void listenerOptions(OptionMap.Builder options) {
    }

    /**
     * Called once when the server begins to stop (README, Stopping), before SHUTDOWN_DELAY and the
     * drain: from here on the server still serves, but is on its way out.
     */
    default void stopping() {
    }

    /** Called once the server has stopped and every request is done: flush and release. */
    @Override
    default void close() {
    }
}
