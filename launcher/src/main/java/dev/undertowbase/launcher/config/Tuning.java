package dev.undertowbase.launcher.config;

/**
 * The thread counts of README, Environment variables:
 * io_threads = io-threads if set, else max(2, floor(cores × workers-per-core)) capped by
 * max-workers; worker_threads = worker-threads if set, else io_threads × threads.
 */
public record Tuning(int cores, int ioThreads, int workerThreads) {

    public static Tuning of(ThreadSettings settings, int cores) {
        int io;
        if (settings.ioThreads().value() != null) {
            io = settings.ioThreads().value();
        } else {
            long product = settings.workersPerCore().floorTimes(cores);
            io = (int) Math.max(2, Math.min(product, Integer.MAX_VALUE));
            if (settings.maxWorkers() != null) {
                io = Math.min(io, settings.maxWorkers());
            }
        }
        int workers;
        if (settings.workerThreads().value() != null) {
            workers = settings.workerThreads().value();
        } else {
            Sourced<Integer> threads = settings.threads();
            long product = (long) io * threads.value();
            if (product > Integer.MAX_VALUE) {
                throw threads.bad(io + " IO threads × " + threads.value() + " threads is too many");
            }
            workers = (int) product;
        }
        return new Tuning(cores, io, workers);
    }
}
