package dev.undertowbase.launcher.config;

/**
 * The thread counts of README, Environment variables:
 * io_threads = io-threads if set, else max(2, floor(cores × workers-per-core)) capped by
 * max-workers. The worker pool is worker-pool if set, else platform when threads or
 * worker-threads is set (a user who sized a pool wants it), else virtual; a platform pool has
 * worker-threads threads if set, else io_threads × threads (8 when unset). Virtual threads run on
 * max(2, cores) carrier threads unless JAVA_OPTS sets the JDK's own
 * {@value #CARRIERS_PROPERTY}.
 * Each count keeps the setting that decided it, so a count the machine cannot give (too many
 * threads or open files) is reported against that variable.
 *
 * @param threads THREADS in effect: as set, or 8 when it sizes the platform pool; else null
 * @param workers the platform pool's size; null for virtual threads (one per task)
 * @param carriers the virtual threads' carrier threads; null for a platform pool
 */
public record Tuning(int cores, Sourced<Integer> io, WorkerPool workerPool, Integer threads, Sourced<Integer> workers,
                     Sourced<Integer> carriers) {

    /** The JDK's setting for how many carrier threads run virtual threads (its default: the CPUs it sees). */
    public static final String CARRIERS_PROPERTY = "jdk.virtualThreadScheduler.parallelism";
    /**
     * At least two carriers, as at least two IO threads: the JDK rounds a one-CPU quota to one
     * carrier, and each blocking request's writes and wake-ups then queue behind one thread while
     * the quota, spread over the host's cores, is half spent. Measured under --cpus=1 on two cores,
     * 400 connections to a 50 ms handler: 6,300 req/s with one carrier, 7,300–7,500 with two
     * (p99 85 → 62–72 ms); four or eight gave the same within the noise and used more CPU.
     */
    static final int MIN_CARRIERS = 2;
    /** ForkJoinPool's largest parallelism. */
    static final int MAX_CARRIERS = 0x7fff;

    /** The most threads XNIO's worker pool (jboss-threads' EnhancedQueueExecutor) accepts. */
    static final int MAX_WORKER_THREADS = (1 << 20) - 1;
    /** Platform worker threads per IO thread when THREADS is unset (Undertow.builder()'s 8). */
    static final int DEFAULT_THREADS = 8;

    public static Tuning of(ThreadSettings settings, int cores) {
        return of(settings, cores, null);
    }

    /** @param carriersProperty the JVM's {@value #CARRIERS_PROPERTY} as JAVA_OPTS set it; null if unset */
    public static Tuning of(ThreadSettings settings, int cores, String carriersProperty) {
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
            return new Tuning(cores, io, pool, null, null, carriers(carriersProperty, cores));
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
        return new Tuning(cores, io, pool, threadsCount ? perIo : null, workers, null);
    }

    private static Sourced<Integer> carriers(String property, int cores) {
        if (property == null) {
            return new Sourced<>(Math.max(MIN_CARRIERS, cores), "cores");
        }
        Sourced<String> set = new Sourced<>(property, "-D" + CARRIERS_PROPERTY);
        try {
            int count = Integer.parseInt(property.trim());
            if (count >= 1 && count <= MAX_CARRIERS) {
                return new Sourced<>(count, set.source());
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw set.bad("\"" + property + "\" is not a whole number from 1 to " + MAX_CARRIERS);
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

    /** How many carrier threads run the virtual threads; null for a platform pool. */
    public Integer carrierThreads() {
        return carriers == null ? null : carriers.value();
    }

    /** The platform pool's size; null for virtual threads. */
    public Integer workerThreads() {
        return workers == null ? null : workers.value();
    }
}
