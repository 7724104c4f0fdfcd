package dev.undertowbase.launcher.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * WORKER_POOL (README, Blocking handlers): what runs a handler after {@code dispatch()} or inside
 * a {@code BlockingHandler}.
 */
public enum WorkerPool {
    /** A new virtual thread per task: as many blocking requests at once as arrive. */
    VIRTUAL,
    /** A fixed pool of platform threads: io_threads × THREADS, or WORKER_THREADS. */
    PLATFORM;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns null when the text names no pool. */
    static WorkerPool parse(String text) {
        for (WorkerPool pool : values()) {
            if (pool.label().equalsIgnoreCase(text.trim())) {
                return pool;
            }
        }
        return null;
    }

    static String names() {
        return Arrays.stream(values()).map(WorkerPool::label).collect(Collectors.joining(", "));
    }
}
