package dev.undertowbase.launcher.server;

import io.undertow.server.HttpHandler;
import org.xnio.OptionMap;

/**
 * One concern of the server (the access log, timeouts, later probes or limits), contributing both
 * halves it may need: the handler it puts in front of the next one, the way Undertow's own
 * handlers wrap {@code next}, and the listener options it depends on. The server asks its
 * {@link HandlerChain} for both and never knows a feature by name.
 */
public interface Feature extends AutoCloseable {

    /** The handler in front of {@code next}; a feature that only sets options returns {@code next}. */
    default HttpHandler wrap(HttpHandler next) {
        return next;
    }

    /** Adds the Undertow listener options the feature needs. */
    default void listenerOptions(OptionMap.Builder options) {
    }

    /** Called once the server has stopped and every request is done: flush and release. */
    @Override
    default void close() {
    }
}
