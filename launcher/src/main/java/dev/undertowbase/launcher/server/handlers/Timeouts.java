package dev.undertowbase.launcher.server.handlers;

import dev.undertowbase.launcher.config.TimeoutSettings;
import dev.undertowbase.launcher.server.Feature;
import io.undertow.UndertowOptions;
import java.time.Duration;
import org.xnio.OptionMap;

/**
 * HEADER_TIMEOUT and KEEP_ALIVE (README, Environment variables) as Undertow listener options: a
 * request head not whole within HEADER_TIMEOUT of its first byte is closed, and so is a
 * keep-alive connection idle for KEEP_ALIVE. Zero switches either off. TIMEOUT, a stalled
 * request body, is kept by {@link RequestBodies}, which sees the body being read.
 *
 * <p>Undertow's IDLE_TIMEOUT is not set: for HTTP/1.1 it installs a conduit whose timeout is
 * never armed (nothing calls its setIdleTimeout), so it bounded nothing.
 */
public final class Timeouts implements Feature {

    private final TimeoutSettings settings;

    public Timeouts(TimeoutSettings settings) {
        this.settings = settings;
    }

    @Override
    public void listenerOptions(OptionMap.Builder options) {
        options.set(UndertowOptions.NO_REQUEST_TIMEOUT, millisOrDisabled(settings.keepAlive()));
        options.set(UndertowOptions.REQUEST_PARSE_TIMEOUT, millisOrDisabled(settings.header()));
    }

    /** Milliseconds for an Undertow timeout option; -1 (off) for zero. */
    private static int millisOrDisabled(Duration duration) {
        if (duration.isZero()) {
            return -1;
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, duration.toMillis()));
    }
}
