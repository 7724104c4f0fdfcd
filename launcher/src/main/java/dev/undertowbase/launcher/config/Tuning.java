package dev.undertowbase.launcher.config;

/**
 * The thread counts of README, Environment variables:
 * io_threads = io-threads if set, else max(2, floor(cores × workers-per-core)) capped by
 * max-workers. The worker pool is worker-pool if set, else platform when threads or
 * worker-threads is set (a user who sized a pool wants it), else virtual; a platform pool has
 * worker-threads threads if set, else io_threads × threads (8 when unset).
 * Each count keeps the setting that decided it, so a count the machine cannot give (too many
 * threads or open files) is reported against that variable.
 *
 * @param threads THREADS in effect: as set, or 8 when it sizes the platform pool; else null
 * @param workers the platform pool's size; null for virtual threads (one per task)
 */
public record Tuning(int cores, Sourced<Integer> io, WorkerPool workerPool, Integer threads, Sourced<Integer> workers) {

    /** The most threads XNIO's worker pool (jboss-threads' EnhancedQueueExecutor) accepts. */
    static final int MAX_WORKER_THREADS = (1 << 20) - 1;
    /** Platform worker threads per IO thread when THREADS is unset (Undertow.builder()'s 8). */
    static final int DEFAULT_THREADS = 8;

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
        WorkerPool pool = pool(settings);
        if (pool == WorkerPool.VIRTUAL) {
            return new Tuning(cores, io, pool, null, null);
        }
        Sourced<Integer> threads = settings.threads();
        int perIo = threads.value() != null ? threads.value() : DEFAULT_THREADS;
        Sourced<Integer> workers = settings.workerThreads();
        if (workers.value() == null) {
            long product = (long) io.value() * perIo;
            workers = new Sourced<>((int) Math.min(product, Integer.MAX_VALUE), threads.source());
            if (product > MAX_WORKER_THREADS) {
                // named after the larger factor: WORKERS_PER_CORE=1000000 is the mistake, not THREADS=8
                Sourced<Integer> larger = perIo >= io.value() ? threads : io;
                throw larger.bad(io.value() + " IO threads x " + perIo + " threads is more than the "
                    + MAX_WORKER_THREADS + " worker threads the pool allows");
            }
        } else if (workers.value() > MAX_WORKER_THREADS) {
            throw workers.bad("\"" + workers.value() + "\" is more than the " + MAX_WORKER_THREADS
                + " worker threads the pool allows");
        }
        boolean threadsCount = threads.value() != null || settings.workerThreads().value() == null;
        return new Tuning(cores, io, pool, threadsCount ? perIo : null, workers);
    }

    /** The pool asked for; a pool size with an explicit virtual pool is a contradiction, not a preference. */
    private static WorkerPool pool(ThreadSettings settings) {
        Sourced<Integer> size = settings.workerThreads().value() != null ? settings.workerThreads() : settings.threads();
        Sourced<WorkerPool> asked = settings.workerPool();
        if (asked.value() == null) {
            return size.value() != null ? WorkerPool.PLATFORM : WorkerPool.VIRTUAL;
        }
        if (asked.value() == WorkerPool.VIRTUAL && size.value() != null) {
            throw size.bad("\"" + size.value() + "\" sizes a platform pool, but " + asked.source() + " is "
                + asked.value().label() + " (unset one of them)");
        }
        return asked.value();
    }

    public int ioThreads() {
        return io.value();
    }

    /** The platform pool's size; null for virtual threads. */
    public Integer workerThreads() {
        return workers == null ? null : workers.value();
    }
}
