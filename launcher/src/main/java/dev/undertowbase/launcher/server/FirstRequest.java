package dev.undertowbase.launcher.server;

import io.undertow.server.Connectors;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.HostHeaderHandler;
import io.undertow.util.Cookies;
import io.undertow.util.DateUtils;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import java.util.Date;
import java.util.List;

/**
 * What Undertow does once, on the first request any app gets, done during the start instead
 * (README, Start-up cache). The classes come from the start-up cache, but their initialisation
 * does not, and it took the first request 30-35 ms in the interpreter in java25-slim
 * ({@code -Xlog:class+init}): the {@code Date} header's formatter 15-20 ms (the time-zone database
 * and the CLDR time-zone names, read on first use), the header-name table 4 ms, the Host check's
 * patterns (compiled as its class initialises) 1-2 ms. {@code Launcher} runs this on XNIO's set-up
 * thread once XNIO is created, beside the main thread loading the app and binding. Side by side
 * with the image before it ({@code bench/startup.py --cold}, two runs of 15 starts each): the
 * first request itself 37 -> 19 and 39 -> 23 ms, {@code docker run} to the first 200 381 -> 376
 * and 381 -> 345 ms, Listening within its noise.
 * Its cost, the compilers' memory freed after the start and kept by glibc in some starts, the JVM
 * hands back within seconds under {@code -XX:TrimNativeHeapInterval} ({@code /start.sh}).
 *
 * <p>Logging must be set up first, as Undertow's classes make their loggers as they initialise.
 * Nothing here runs the app's code, and none of these classes needs another of them to initialise,
 * so a first request that comes while this runs waits for a class at most, never in a cycle.
 */
public final class FirstRequest {

    private static final List<Class<?>> INITIALISED_ON_THE_FIRST_REQUEST = List.of(
        HttpServerExchange.class, Headers.class, HeaderValues.class, Cookies.class, Connectors.class,
        HostHeaderHandler.class);

    private FirstRequest() {
    }

    public static void prepare() {
        try {
            for (Class<?> type : INITIALISED_ON_THE_FIRST_REQUEST) {
                Class.forName(type.getName(), true, type.getClassLoader());
            }
            DateUtils.toDateString(new Date());
        } catch (ClassNotFoundException | RuntimeException | LinkageError e) {
            // nothing to report here: the first request meets the same failure and it is logged there
        }
    }
}
