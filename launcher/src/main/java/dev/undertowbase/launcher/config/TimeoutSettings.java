package dev.undertowbase.launcher.config;

import java.time.Duration;

/**
 * README, Environment variables: TIMEOUT, KEEP_ALIVE, GRACEFUL_TIMEOUT. A zero timeout or
 * keep-alive is off.
 */
public record TimeoutSettings(Duration timeout, Duration keepAlive, Duration graceful) {

    static TimeoutSettings read(Settings s) {
        return new TimeoutSettings(s.seconds("timeout"), s.seconds("keep-alive"), s.seconds("graceful-timeout"));
    }
}
