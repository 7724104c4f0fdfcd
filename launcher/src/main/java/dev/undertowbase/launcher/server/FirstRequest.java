package dev.undertowbase.launcher.server;

import io.undertow.util.DateUtils;
import java.util.Date;

/**
 * The largest thing Undertow does once, on the first request any app gets, started as that
 * request may come (README, Start-up cache): the {@code Date} header's formatter. Its classes come
 * from the start-up cache, but their initialisation does not: on first use it reads the
 * time-zone database and the CLDR time-zone names, 15-20 ms of the first request's 30-35 ms of
 * class initialisation in java25-slim ({@code -Xlog:class+init}). The launcher runs this on a
 * thread of its own once the listener is bound, so it overlaps with the first request's other
 * work and not with the start. Run on XNIO's set-up thread during the start instead (the previous
 * form), it answered the first request 7-14 ms sooner but logged Listening 2-21 ms later, and
 * {@code docker run} to the first 200 came out the same (side-by-side runs of 15-20 starts,
 * {@code bench/bounds.md}). Logging must be set up first, as Undertow's classes make their
 * loggers as they initialise.
 *
 * <p>Warming the rest as well (the exchange, the header table, the Host check's patterns) gained
 * 24-36 ms but kept about 5.5 MB more in most starts 2 s after the first 200: the compiler's freed
 * arenas, held by glibc until trimmed ({@code bench/bounds.md}). Nothing here runs the app's code.
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
