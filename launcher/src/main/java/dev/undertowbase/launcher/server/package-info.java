/**
 * The HTTP server: the listener, the XNIO worker and the graceful drain on stop. Everything else a
 * request passes through is a {@link dev.undertowbase.launcher.server.Feature}, contributed through
 * the {@link dev.undertowbase.launcher.server.HandlerChain}, so adding one never edits
 * {@code Server}; a feature that changes how the socket carries HTTP (TLS) is also the chain's
 * {@link dev.undertowbase.launcher.server.Transport}.
 *
 * <p>May use {@code config}; never imports {@code app}, {@code logging} or its own
 * {@code handlers} sub-package.
 */
package dev.undertowbase.launcher.server;
