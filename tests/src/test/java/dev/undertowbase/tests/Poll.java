package dev.undertowbase.tests;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The suite's one way to wait: ask again every {@value #INTERVAL_MILLIS} ms until the answer comes
 * or the deadline passes, never a fixed sleep. A probe that throws ends the wait at once (a
 * container that died will not start serving); {@code what} is only built for the failure message,
 * so it can carry the container's logs.
 */
final class Poll {

    static final long INTERVAL_MILLIS = 50;

    private Poll() {
    }

    /** The probe's first present value; an AssertionError naming {@code what} when the timeout passes. */
    static <T> T until(Duration timeout, Supplier<String> what, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> result = probe.get();
            if (result.isPresent()) {
                return result.get();
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("gave up after " + timeout.toMillis() + " ms waiting for " + what.get());
            }
            pause();
        }
    }

    /** Returns once the condition holds; an AssertionError naming {@code what} when the timeout passes. */
    static void until(Duration timeout, Supplier<String> what, BooleanSupplier condition) {
        until(timeout, what, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    private static void pause() {
        try {
            Thread.sleep(INTERVAL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while polling", e);
        }
    }
}
