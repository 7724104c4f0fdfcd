package dev.undertowbase.launcher;

import java.math.BigDecimal;
import java.math.RoundingMode;

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
            BigDecimal perCore = BigDecimal.valueOf(config.workersPerCore());
            BigDecimal product = perCore.multiply(BigDecimal.valueOf(cores)).setScale(0, RoundingMode.FLOOR);
            io = Math.max(2, product.min(BigDecimal.valueOf(Integer.MAX_VALUE)).intValue());
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
