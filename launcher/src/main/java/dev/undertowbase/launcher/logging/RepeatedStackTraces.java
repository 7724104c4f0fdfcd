package dev.undertowbase.launcher.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Marker;

/**
 * README, What it prints: a stack trace from the same throw site (the root cause's class and top
 * frame) is logged in full {@link #IN_FULL} times; after that, while the site keeps throwing, one
 * line per {@link #INTERVAL_MILLIS} says how many more there were. A handler that throws on every
 * request (Undertow logs each as "UT005071: Undertow request failed" with the trace) then costs a
 * line every few seconds instead of fifteen per request. A site quiet for a whole interval starts
 * over.
 */
final class RepeatedStackTraces extends TurboFilter {

    static final int IN_FULL = 5;
    static final long INTERVAL_MILLIS = 10_000;
    /** Throw sites followed at most; the rest share one count. */
    private static final int MAX_SITES = 1000;
    private static final String OTHER_SITES = "other throw sites";

    private final Map<String, Site> sites = new ConcurrentHashMap<>();
    private final long intervalMillis;
    private volatile ScheduledExecutorService summaries;

    RepeatedStackTraces() {
        this(INTERVAL_MILLIS);
    }

    RepeatedStackTraces(long intervalMillis) {
        this.intervalMillis = intervalMillis;
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        Throwable thrown = t != null ? t : lastThrowable(params);
        if (thrown == null || level == null || !level.isGreaterOrEqual(logger.getEffectiveLevel())) {
            return FilterReply.NEUTRAL;
        }
        Site site = site(thrown);
        if (site.allow(logger, level)) {
            return FilterReply.NEUTRAL;
        }
        startSummaries();
        return FilterReply.DENY;
    }

    /** SLF4J takes a trailing throwable argument as the event's throwable. */
    private static Throwable lastThrowable(Object[] params) {
        if (params != null && params.length > 0 && params[params.length - 1] instanceof Throwable thrown) {
            return thrown;
        }
        return null;
    }

    private Site site(Throwable thrown) {
        String key = throwSite(thrown);
        Site site = sites.get(key);
        if (site == null) {
            if (sites.size() >= MAX_SITES) {
                key = OTHER_SITES;
            }
            site = sites.computeIfAbsent(key, Site::new);
        }
        return site;
    }

    /** "java.lang.IllegalStateException at app.Main.handle(Main.java:12)", of the root cause. */
    static String throwSite(Throwable thrown) {
        Throwable root = thrown;
        for (int depth = 0; depth < 32 && root.getCause() != null && root.getCause() != root; depth++) {
            root = root.getCause();
        }
        StackTraceElement[] trace = root.getStackTrace();
        return root.getClass().getName() + (trace.length > 0 ? " at " + trace[0] : "");
    }

    private void startSummaries() {
        if (summaries == null) {
            synchronized (this) {
                if (summaries == null) {
                    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
                        Thread thread = new Thread(runnable, "log-summaries");
                        thread.setDaemon(true);
                        return thread;
                    });
                    executor.scheduleWithFixedDelay(this::summarize, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
                    summaries = executor;
                }
            }
        }
    }

    /** Once per interval: one line per site with suppressed traces; sites quiet for an interval are forgotten. */
    void summarize() {
        sites.values().removeIf(site -> site.endInterval(intervalMillis));
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = summaries;
        if (executor != null) {
            executor.shutdownNow();
            summarize();
        }
        super.stop();
    }

    private static final class Site {

        private final String throwSite;
        /** Traces shown in full since the site began throwing. */
        private int shown;
        private int thisInterval;
        private int suppressed;
        private Logger logger;
        private Level level;

        Site(String throwSite) {
            this.throwSite = throwSite;
        }

        synchronized boolean allow(Logger logger, Level level) {
            thisInterval++;
            if (shown < IN_FULL) {
                shown++;
                return true;
            }
            suppressed++;
            this.logger = logger;
            this.level = level;
            return false;
        }

        /** Logs the interval's count; true when the site was quiet all interval (it is forgotten). */
        boolean endInterval(long intervalMillis) {
            int count;
            Logger target;
            Level at;
            synchronized (this) {
                if (thisInterval == 0) {
                    return true;
                }
                thisInterval = 0;
                count = suppressed;
                suppressed = 0;
                target = logger;
                at = level;
            }
            if (count > 0) {
                String message = count + " more stack trace" + (count == 1 ? "" : "s") + " like the one above ("
                    + throwSite + ") in the last " + intervalMillis / 1000 + " s, not shown";
                switch (at.toInt()) {
                    case Level.ERROR_INT -> target.error(message);
                    case Level.WARN_INT -> target.warn(message);
                    case Level.INFO_INT -> target.info(message);
                    default -> target.debug(message);
                }
            }
            return false;
        }
    }
}
