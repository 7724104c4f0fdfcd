/**
 * The server's features, one class each, in Undertow's own style: a handler wrapping
 * {@code next} plus the listener options it needs. {@code Features} lists them in request order
 * and builds the chain from the configuration.
 *
 * <p>May use {@code server} (the {@code Feature} interface), {@code config} (each feature its own
 * settings record) and {@code logging}.
 */
package dev.undertowbase.launcher.server.handlers;
