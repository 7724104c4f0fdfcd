package dev.undertowbase.launcher.logging;

import java.util.Map;
import java.util.concurrent.Executor;
import org.slf4j.MDC;

/**
 * An executor that runs each task of {@code delegate} with {@code entries} in the MDC, and takes
 * them out again when the task ends, so the thread's next task (another request's) never sees
 * them. It wraps any executor: Undertow's worker, a virtual-thread executor, an app's own.
 */
public final class MdcExecutor implements Executor {

    private final Executor delegate;
    private final Map<String, String> entries;

    public MdcExecutor(Executor delegate, Map<String, String> entries) {
        this.delegate = delegate;
        this.entries = Map.copyOf(entries);
    }

    @Override
    public void execute(Runnable task) {
        delegate.execute(() -> {
            put(entries);
            try {
                task.run();
            } finally {
                remove(entries);
            }
        });
    }

    /** Adds the entries to this thread's MDC. */
    public static void put(Map<String, String> entries) {
        entries.forEach(MDC::put);
    }

    /** Removes the entries' keys from this thread's MDC. */
    public static void remove(Map<String, String> entries) {
        for (String key : entries.keySet()) {
            MDC.remove(key);
        }
    }
}
