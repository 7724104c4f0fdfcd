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
 * What Undertow does once, on the first request any app gets, done before that request comes
 * (README, Start-up cache). The classes come from the start-up cache already; what is left is
 * their initialisation, and it took the first request 30-35 ms in the interpreter, measured with
 * {@code -Xlog:class+init} in java25-slim: the Date header's formatter alone 15-20 ms (it reads the
 * time-zone database and the CLDR time-zone names on first use), the header-name table 4 ms, the
 * Host check's patterns (compiled when its class initialises) 1-2 ms. The launcher runs it on
 * XNIO's set-up thread, beside the main thread loading the app and starting the server: with
 * {@code bench/startup.py --cold} (two runs, 15 and 20 starts side by side) the first 200 came
 * 24-36 ms sooner and Listening moved by -4 to +9 ms, within its noise. Run on the main thread
 * after Listening instead, it gained 14 ms. It needs logging's set-up first: Undertow's classes
 * make their loggers as they initialise, and on a thread of its own started earlier it raced
 * SLF4J's initialisation (half the starts failed). Nothing here runs the app's code, and none of
 * these classes needs another of them to initialise, so a first request that comes while this
 * runs waits for a class at most, never in a cycle.
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
