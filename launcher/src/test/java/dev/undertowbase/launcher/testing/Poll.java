package dev.undertowbase.launcher.testing;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The one way the tests wait, in the launcher's unit tests and the image tests alike: ask again
 * every {@code INTERVAL} until the answer comes or the deadline passes, never a fixed sleep. A
 * probe that throws ends the wait at once (a container that died will not start serving);
 * {@code what} is only built for the failure message, so it can carry a container's logs.
 */
public final class Poll {

    private static final Duration INTERVAL = Duration.ofMillis(20);

    private Poll() {
    }

    /** The first value {@code probe} gives within {@code timeout}; fails naming {@code what}. */
    public static <T> T until(Duration timeout, Supplier<String> what, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> result = probe.get();
            if (result.isPresent()) {
                return result.get();
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("gave up after " + timeout.toMillis() + " ms waiting for " + what.get());
            }
            try {
                Thread.sleep(INTERVAL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what.get(), e);
            }
        }
    }

    public static void until(Duration timeout, Supplier<String> what, BooleanSupplier condition) {
        until(timeout, what, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }
}
