package dev.undertowbase.launcher;

/**
 * Thread counts of SPEC §6:
 * io_threads = io-threads if set, else max(2, floor(cores × workers-per-core)) capped by
 * max-workers; worker_threads = worker-threads if set, else io_threads × threads.
 */
public record Tuning(int cores, int ioThreads, int workerThreads) {

    public static Tuning of(ServerConfig config, int cores) {
        int io;
        if (config.ioThreads() != null) {
            io = config.ioThreads();
        } else {
            // decimal arithmetic, so 100 cores × 0.29 is 29 and not 28.999…
            long product = Decimal.parse(Double.toString(config.workersPerCore())).floorTimes(cores);
            io = (int) Math.max(2, Math.min(product, Integer.MAX_VALUE));
            if (config.maxWorkers() != null) {
                io = Math.min(io, config.maxWorkers());
            }
        }
        int workers;
        if (config.workerThreads() != null) {
            workers = config.workerThreads();
        } else {
            long product = (long) io * config.threads();
            if (product > Integer.MAX_VALUE) {
                throw new BadInput("THREADS: " + io + " IO threads × " + config.threads() + " threads is too many");
            }
            workers = (int) product;
        }
        return new Tuning(cores, io, workers);
    }
}
