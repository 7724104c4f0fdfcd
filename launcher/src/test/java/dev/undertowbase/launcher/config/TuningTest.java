package dev.undertowbase.launcher.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.undertowbase.launcher.testing.TestEnv;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;


class TuningTest {

    @TempDir
    Path appDir;

    @ParameterizedTest(name = "cores={0} WORKERS_PER_CORE={1} MAX_WORKERS={2} WEB_CONCURRENCY={3} THREADS={4} WORKER_THREADS={5} -> io={6} workers={7}")
    @CsvSource(nullValues = "-", value = {
        // cores, workers-per-core, max-workers, web-concurrency, threads, worker-threads, io, workers
        // (WORKER_POOL=platform: each row's pool size follows the formula)
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
    void platformThreadCountsFollowTheFormula(int cores, String perCore, String max, String webConcurrency,
                                              String threads, String workerThreads, int io, int workers) {
        List<String> env = new ArrayList<>(List.of("WORKER_POOL", "platform"));
        add(env, "WORKERS_PER_CORE", perCore);
        add(env, "MAX_WORKERS", max);
        add(env, "WEB_CONCURRENCY", webConcurrency);
        add(env, "THREADS", threads);
        add(env, "WORKER_THREADS", workerThreads);

        Tuning tuning = tuning(cores, env.toArray(String[]::new));

        assertEquals(io, tuning.ioThreads());
        assertEquals(WorkerPool.PLATFORM, tuning.workerPool());
        assertEquals(workers, tuning.workerThreads());
    }

    @ParameterizedTest(name = "{0} -> {1} pool, threads={2}, worker_threads={3}")
    @CsvSource(nullValues = "-", value = {
        // settings, pool in effect, threads in effect, worker threads (2 IO threads)
        "'',                                   virtual,  -,  -",   // nothing set: virtual threads
        "'WORKER_POOL=virtual',                virtual,  -,  -",
        "'WORKER_POOL=Platform',               platform, 8,  16",  // the default THREADS of 8
        "'THREADS=4',                          platform, 4,  8",   // a pool size chooses platform
        "'WORKER_THREADS=64',                  platform, -,  64",  // THREADS played no part
        "'THREADS=4 WORKER_THREADS=64',        platform, 4,  64",
        "'WORKER_POOL=platform WORKER_THREADS=5', platform, -, 5",
    })
    void thePoolIsVirtualUnlessAPlatformPoolIsAskedForOrSized(String settings, String pool, Integer threads,
                                                                Integer workerThreads) {
        List<String> env = new ArrayList<>();
        for (String setting : settings.split(" ")) {
            if (!setting.isEmpty()) {
                env.addAll(List.of(setting.split("=", 2)));
            }
        }

        Tuning tuning = tuning(2, env.toArray(String[]::new));

        assertEquals(Arrays.asList(2, WorkerPool.valueOf(pool.toUpperCase()), threads, workerThreads),
            Arrays.asList(tuning.ioThreads(), tuning.workerPool(), tuning.threads(), tuning.workerThreads()));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"THREADS, 4", "WORKER_THREADS, 64"})
    void aPoolSizeWithTheVirtualPoolIsAnError(String variable, String value) {
        BadInput error = assertThrows(BadInput.class, () -> tuning(2, "WORKER_POOL", "virtual", variable, value));

        assertEquals(variable + ": \"" + value + "\" sizes a platform pool, but WORKER_POOL is virtual (unset one of them)",
            error.getMessage());
    }

    @ParameterizedTest(name = "cores={0} -Djdk.virtualThreadScheduler.parallelism={1} -> {2} carriers")
    @CsvSource(nullValues = "-", value = {
        "1,  -,  2",   // a one-CPU quota still gets two carriers, as it gets two IO threads
        "2,  -,  2",
        "4,  -,  4",   // the JDK's own default from there on
        "1,  1,  1",   // JAVA_OPTS decides when it sets the JDK's property
        "4,  16, 16",
    })
    void virtualThreadsRunOnAtLeastTwoCarriers(int cores, String property, int carriers) {
        Tuning tuning = Tuning.of(TestEnv.load(appDir).threads(), cores, property);

        assertEquals(carriers, tuning.carrierThreads());
    }

    @Test
    void aPlatformPoolHasNoCarriers() {
        assertEquals(null, tuning(2, "WORKER_POOL", "platform").carrierThreads());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"abc", "0", "-1", "32768", "1.5"})
    void aCarrierCountTheJdkWouldRefuseIsAnError(String property) {
        BadInput error = assertThrows(BadInput.class, () -> Tuning.of(TestEnv.load(appDir).threads(), 2, property));

        assertEquals("-Djdk.virtualThreadScheduler.parallelism: \"" + property
            + "\" is not a whole number from 1 to 32767", error.getMessage());
    }

    private Tuning tuning(int cores, String... env) {
        return Tuning.of(TestEnv.load(appDir, env).threads(), cores);
    }

    /** IO threads x THREADS beyond the platform pool's limit: the error names the larger factor, the one set too high. */
    @ParameterizedTest(name = "{0}={1} THREADS={2} -> {3}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
        WORKERS_PER_CORE | 1000000 | -        | WORKERS_PER_CORE: 2000000 IO threads x 8 threads is more than the 1048575 worker threads the pool allows
        WEB_CONCURRENCY  | 200000  | -        | WEB_CONCURRENCY: 200000 IO threads x 8 threads is more than the 1048575 worker threads the pool allows
        WEB_CONCURRENCY  | 2       | 99999999 | THREADS: 2 IO threads x 99999999 threads is more than the 1048575 worker threads the pool allows
        """)
    void tooManyWorkerThreadsNameTheLargerFactor(String variable, String value, String threads, String error) {
        List<String> env = new ArrayList<>(List.of(variable, value, "WORKER_POOL", "platform"));
        add(env, "THREADS", threads);
        ThreadSettings settings = TestEnv.load(appDir, env.toArray(String[]::new)).threads();

        BadInput e = assertThrows(BadInput.class, () -> Tuning.of(settings, 2));

        assertEquals(error, e.getMessage());
    }

    private static void add(List<String> env, String name, String value) {
        if (value != null) {
            env.add(name);
            env.add(value);
        }
    }
}
