package dev.undertowbase.launcher.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.undertowbase.launcher.testing.TestEnv;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;


class TuningTest {

    @TempDir
    Path appDir;

    @ParameterizedTest(name = "cores={0} WORKERS_PER_CORE={1} MAX_WORKERS={2} WEB_CONCURRENCY={3} THREADS={4} WORKER_THREADS={5} -> io={6} workers={7}")
    @CsvSource(nullValues = "-", value = {
        // cores, workers-per-core, max-workers, web-concurrency, threads, worker-threads, io, workers
        "1,  -,    -,  -,  -,  -,    2,  16",   // defaults: min 2 IO threads, 8 workers each
        "2,  -,    -,  -,  -,  -,    2,  16",
        "4,  -,    -,  -,  -,  -,    4,  32",
        "16, -,    -,  -,  -,  -,    16, 128",
        "4,  2,    -,  -,  -,  -,    8,  64",   // whole multiple
        "4,  0.5,  -,  -,  -,  -,    2,  16",   // fraction
        "8,  0.5,  -,  -,  -,  -,    4,  32",
        "3,  0.5,  -,  -,  -,  -,    2,  16",   // floor(1.5) = 1, then the minimum of 2
        "100, 0.29, -, -,  -,  -,    29, 232",  // decimal arithmetic: not 28
        "16, -,    4,  -,  -,  -,    4,  32",   // the cap
        "1,  -,    1,  -,  -,  -,    1,  8",    // the cap is applied after the minimum of 2
        "16, 2,    6,  -,  -,  -,    6,  48",
        "16, -,    4,  24, -,  -,    24, 192",  // WEB_CONCURRENCY bypasses the cap
        "1,  -,    -,  1,  -,  -,    1,  8",    // ...and the minimum
        "4,  -,    -,  -,  2,  -,    4,  8",    // THREADS per IO thread
        "4,  -,    -,  -,  2,  50,   4,  50",   // WORKER_THREADS overrides THREADS
        "4,  -,    -,  3,  -,  7,    3,  7",
    })
    void threadCountsFollowTheFormula(int cores, String perCore, String max, String webConcurrency,
                                      String threads, String workerThreads, int io, int workers) {
        List<String> env = new ArrayList<>();
        add(env, "WORKERS_PER_CORE", perCore);
        add(env, "MAX_WORKERS", max);
        add(env, "WEB_CONCURRENCY", webConcurrency);
        add(env, "THREADS", threads);
        add(env, "WORKER_THREADS", workerThreads);

        Tuning tuning = Tuning.of(TestEnv.load(appDir, env.toArray(String[]::new)).threads(), cores);

        assertEquals(List.of(cores, io, workers), List.of(tuning.cores(), tuning.ioThreads(), tuning.workerThreads()));
    }

    private static void add(List<String> env, String name, String value) {
        if (value != null) {
            env.add(name);
            env.add(value);
        }
    }
}
