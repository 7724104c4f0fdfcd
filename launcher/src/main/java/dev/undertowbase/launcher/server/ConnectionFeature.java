package dev.undertowbase.launcher.server;

import org.xnio.StreamConnection;

/**
 * A feature that also sees each accepted connection before Undertow reads from it, e.g. to wrap
 * its source conduit. Called on the connection's IO thread, once per connection, so it must be
 * cheap.
 */
public interface ConnectionFeature {

    void accepted(StreamConnection connection);
}
