/**
 * Noticing changes: file-system events or polling, which files count, and the debounce that waits
 * for a burst of changes to settle.
 *
 * <p>May use {@code config} (the reload settings); knows nothing of reloading itself.
 */
package dev.undertowbase.launcher.reload.watch;
