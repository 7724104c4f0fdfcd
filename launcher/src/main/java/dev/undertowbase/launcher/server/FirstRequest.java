package dev.undertowbase.launcher.server;

import io.undertow.util.DateUtils;
import java.util.Date;

/**
 * The largest thing Undertow does once, on the first request any app gets, done before that
 * request comes (README, Start-up cache): the {@code Date} header's formatter. Its classes come
 * from the start-up cache, but their initialisation does not: on first use it reads the
 * time-zone database and the CLDR time-zone names, 15-20 ms of the first request's 30-35 ms of
 * class initialisation in java25-slim ({@code -Xlog:class+init}). The launcher runs this on
 * XNIO's set-up thread, beside the main thread loading the app; it needs logging's set-up first,
 * as Undertow's classes make their loggers as they initialise (started before it, on a thread of
 * its own, it raced SLF4J's initialisation and half the starts failed).
 *
 * <p>Measured side by side with {@code bench/startup.py --cold} (three runs of 15-20 starts): the
 * first 200 9-24 ms sooner, the launcher's own Listening figure 1-18 ms later (this shares the
 * second core with the rest of the start). Warming the rest as well (the exchange, the header table,
 * the Host check's patterns) gained 24-36 ms but kept about 5.5 MB more in most starts 2 s after
 * the first 200: the compiler's freed arenas, held by glibc until trimmed
 * ({@code bench/bounds.md}). Nothing here runs the app's code.
 */
public final class FirstRequest {

    private FirstRequest() {
    }

    public static void prepare() {
        try {
            DateUtils.toDateString(new Date());
        } catch (RuntimeException | LinkageError e) {
            // nothing to report here: the first request meets the same failure and it is logged there
        }
    }
}
