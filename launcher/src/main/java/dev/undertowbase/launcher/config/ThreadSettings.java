package dev.undertowbase.launcher.config;

/**
 * The thread settings of README, Environment variables; {@link Tuning} turns them into counts.
 * Null values are unset.
 *
 * @param workersPerCore WORKERS_PER_CORE, exact (100 cores × 0.29 is 29 IO threads, not 28)
 * @param maxWorkers     MAX_WORKERS
 * @param ioThreads      WEB_CONCURRENCY
 * @param workerPool     WORKER_POOL
 * @param threads        THREADS
 * @param workerThreads  WORKER_THREADS
 */
public record ThreadSettings(
    Sourced<Decimal> workersPerCore,
    Sourced<Integer> maxWorkers,
    Sourced<Integer> ioThreads,
    Sourced<WorkerPool> workerPool,
    Sourced<Integer> threads,
    Sourced<Integer> workerThreads) {

    static ThreadSettings read(Settings s) {
        return new ThreadSettings(
            s.sourced("workers-per-core", s.positiveNumber("workers-per-core")),
            s.sourced("max-workers", s.optionalCount("max-workers")),
            s.sourced("io-threads", s.optionalCount("io-threads")),
            s.sourced("worker-pool", s.optionalWorkerPool("worker-pool")),
            s.sourced("threads", s.optionalCount("threads")),
            s.sourced("worker-threads", s.optionalCount("worker-threads")));
    }
}
