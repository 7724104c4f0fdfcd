package dev.undertowbase.launcher.reload.watch;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;

/**
 * Runs the action once changes have stopped for {@code quiet}: saving a file, a build writing
 * many classes or docker cp writing a jar send bursts of events, and loading a half-written
 * set of files would only produce errors. The action gets the System.nanoTime() of the first
 * change of the burst, for the latency it logs, and answers false to be run again after another
 * quiet period (the files were still changing), with that same time.
 */
public final class Debouncer {

    private final ScheduledExecutorService executor;
    private final long quietMillis;
    private final LongPredicate action;
    private ScheduledFuture<?> pending;
    /** System.nanoTime() of the first change since the action last started; null when none. */
    private Long firstChange;

    public Debouncer(ScheduledExecutorService executor, Duration quiet, LongPredicate action) {
        this.executor = executor;
        this.quietMillis = quiet.toMillis();
        this.action = action;
    }

    public void poke() {
        poke(System.nanoTime());
    }

    /** A change seen at {@code changedAt}; an earlier change of the same burst keeps its time. */
    synchronized void poke(long changedAt) {
        if (firstChange == null || changedAt - firstChange < 0) {
            firstChange = changedAt;
        }
        if (pending != null) {
            pending.cancel(false);
        }
        pending = executor.schedule(this::fire, quietMillis, TimeUnit.MILLISECONDS);
    }

    /** True when no change is waiting for its quiet period to end. */
    public synchronized boolean idle() {
        return firstChange == null;
    }

    private void fire() {
        long since;
        synchronized (this) {
            if (firstChange == null) {
                // an earlier run began after this change was seen, so it loads it too
                return;
            }
            since = firstChange;
            firstChange = null;
        }
        if (!action.test(since)) {
            poke(since);
        }
    }
}
