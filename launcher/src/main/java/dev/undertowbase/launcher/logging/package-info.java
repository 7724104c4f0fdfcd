/**
 * Server and app logs: Logback set up in code (no XML at start), the line encoder, and the level
 * and target of LOG_LEVEL and ERROR_LOG. Undertow and XNIO log through it too.
 *
 * <p>May use {@code config}.
 */
package dev.undertowbase.launcher.logging;
