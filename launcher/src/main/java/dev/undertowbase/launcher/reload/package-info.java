/**
 * Development mode ({@code /start-reload.sh}): one listener for the life of the JVM and the app
 * reloaded into a fresh class loader on every change: snapshots of its code, in-process
 * compilation of sources, the swappable root handler.
 *
 * <p>May use {@code server}, {@code app}, {@code config} and its {@code watch} sub-package.
 */
package dev.undertowbase.launcher.reload;
