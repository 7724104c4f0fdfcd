package dev.undertowbase.launcher.reload.watch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RELOAD_POLL=true: scans the roots every {@link #INTERVAL} and compares sizes, times and inodes,
 * for mounts that deliver no file events (network file systems, some Docker Desktop set-ups).
 */
public final class PollingWatcher implements ChangeWatcher {

    public static final Duration INTERVAL = Duration.ofMillis(500);
    private static final Logger log = LoggerFactory.getLogger(PollingWatcher.class);

    private final ScheduledExecutorService executor;

    private PollingWatcher(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    public static PollingWatcher start(List<Path> roots, ChangeFilter filter, Runnable onChange) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "reload-poll");
            thread.setDaemon(true);
            return thread;
        });
        Scan scan = new Scan(roots, filter, onChange, FileStamps.scan(roots, filter));
        executor.scheduleWithFixedDelay(scan, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        return new PollingWatcher(executor);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private static final class Scan implements Runnable {
        private final List<Path> roots;
        private final ChangeFilter filter;
        private final Runnable onChange;
        private Map<Path, FileStamps.Stamp> previous;

        Scan(List<Path> roots, ChangeFilter filter, Runnable onChange, Map<Path, FileStamps.Stamp> first) {
            this.roots = roots;
            this.filter = filter;
            this.onChange = onChange;
            this.previous = first;
        }

        @Override
        public void run() {
            try {
                Map<Path, FileStamps.Stamp> now = FileStamps.scan(roots, filter);
                if (!now.equals(previous)) {
                    previous = now;
                    onChange.run();
                }
            } catch (RuntimeException e) {
                // a failed scan must not end the polling, which a scheduled executor would do silently
                log.warn("scanning for changes failed: {}", e.toString());
            }
        }
    }
}
