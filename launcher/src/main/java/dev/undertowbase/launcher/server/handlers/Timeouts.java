package dev.undertowbase.launcher.server.handlers;

import dev.undertowbase.launcher.config.TimeoutSettings;
import dev.undertowbase.launcher.server.Feature;
import io.undertow.UndertowOptions;
import java.time.Duration;
import org.xnio.OptionMap;

/**
 * TIMEOUT and KEEP_ALIVE (README, Environment variables) as Undertow listener options: a
 * connection silent mid-request, or slow to send its request head, is closed after TIMEOUT; an
 * idle keep-alive connection after KEEP_ALIVE. Zero switches either off.
 */
public final class Timeouts implements Feature {

    private final TimeoutSettings settings;

    public Timeouts(TimeoutSettings settings) {
        this.settings = settings;
    }

    @Override
    public void listenerOptions(OptionMap.Builder options) {
        options.set(UndertowOptions.NO_REQUEST_TIMEOUT, millisOrDisabled(settings.keepAlive()));
        if (!settings.timeout().isZero()) {
            int timeout = millisOrDisabled(settings.timeout());
            options.set(UndertowOptions.IDLE_TIMEOUT, timeout);
            options.set(UndertowOptions.REQUEST_PARSE_TIMEOUT, timeout);
        }
    }

    /** Milliseconds for an Undertow timeout option; -1 (off) for zero. */
    private static int millisOrDisabled(Duration duration) {
        if (duration.isZero()) {
            return -1;
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, duration.toMillis()));
    }
}
