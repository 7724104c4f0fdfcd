/**
 * Finding and loading the user's app: its class path under APP_DIR, the discovery rules of the
 * README (Finding your handler), creating the handler in its own class loader, and the demo app
 * served when APP_DIR holds no code.
 *
 * <p>May use {@code config}; never imports {@code server} (the server serves any handler).
 */
package dev.undertowbase.launcher.app;
