package dev.undertowbase.launcher.config;

/**
 * The thread counts of README, Environment variables:
 * io_threads = io-threads if set, else max(2, floor(cores × workers-per-core)) capped by
 * max-workers; worker_threads = worker-threads if set, else io_threads × threads.
 * Each count keeps the setting that decided it, so a count the machine cannot give (too many
 * threads or open files) is reported against that variable.
 */
public record Tuning(int cores, Sourced<Integer> io, Sourced<Integer> workers) {

    /** The most threads XNIO's worker pool (jboss-threads' EnhancedQueueExecutor) accepts. */
    static final int MAX_WORKER_THREADS = (1 << 20) - 1;

    public static Tuning of(ThreadSettings settings, int cores) {
        Sourced<Integer> io = settings.ioThreads();
        if (io.value() == null) {
            long product = settings.workersPerCore().value().floorTimes(cores);
            io = new Sourced<>((int) Math.max(2, Math.min(product, Integer.MAX_VALUE)), settings.workersPerCore().source());
            Sourced<Integer> max = settings.maxWorkers();
            if (max.value() != null && max.value() < io.value()) {
                io = max;
            }
        }
        Sourced<Integer> workers = settings.workerThreads();
        if (workers.value() == null) {
            Sourced<Integer> threads = settings.threads();
            long product = (long) io.value() * threads.value();
            workers = new Sourced<>((int) Math.min(product, Integer.MAX_VALUE), threads.source());
            if (product > MAX_WORKER_THREADS) {
                throw threads.bad(io.value() + " IO threads x " + threads.value() + " threads is more than the "
                    + MAX_WORKER_THREADS + " worker threads the pool allows");
            }
        } else if (workers.value() > MAX_WORKER_THREADS) {
            throw workers.bad("\"" + workers.value() + "\" is more than the " + MAX_WORKER_THREADS
                + " worker threads the pool allows");
        }
        return new Tuning(cores, io, workers);
    }

    public int ioThreads() {
        return io.value();
    }

    public int workerThreads() {
        return workers.value();
    }
}
