package dev.undertowbase.launcher.config;

import java.time.Duration;

/**
 * README, Environment variables: TIMEOUT (a stalled request body), HEADER_TIMEOUT (the whole
 * request head), KEEP_ALIVE, GRACEFUL_TIMEOUT. Zero switches TIMEOUT, HEADER_TIMEOUT or
 * KEEP_ALIVE off.
 */
public record TimeoutSettings(Duration timeout, Duration header, Duration keepAlive, Duration graceful) {

    static TimeoutSettings read(Settings s) {
        return new TimeoutSettings(s.seconds("timeout"), s.seconds("header-timeout"), s.seconds("keep-alive"),
            s.seconds("graceful-timeout"));
    }
}
