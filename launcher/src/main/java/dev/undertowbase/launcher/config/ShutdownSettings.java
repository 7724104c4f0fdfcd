package dev.undertowbase.launcher.config;

import java.time.Duration;

/**
 * README, Stopping: SHUTDOWN_DELAY, the time the server goes on serving after SIGTERM with
 * readiness failing, before the drain of GRACEFUL_TIMEOUT ({@link TimeoutSettings#graceful()}).
 */
public record ShutdownSettings(Duration delay) {

    static ShutdownSettings read(Settings s) {
        return new ShutdownSettings(s.seconds("shutdown-delay"));
    }
}
