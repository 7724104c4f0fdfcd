package app;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import java.time.Duration;

/**
 * The {@code app.db} section of the merged configuration (examples/todo/server.conf): where the
 * database is and how many connections to keep. Read once at start.
 *
 * @param poolSize          connections in the pool, which is how many queries run at once
 * @param connectionTimeout how long a request waits for a connection before it is answered 503
 */
record DbSettings(String url, String user, String password, int poolSize, Duration connectionTimeout) {

    /** The default pool's cap: three instances, each with its ready check's connection, fit in PostgreSQL's default max_connections = 100. */
    static final int DEFAULT_POOL_CAP = 30;

    /**
     * The pool size when {@code app.db.pool-size} is not set: the server's worker-thread count as
     * README, Environment variables computes it ({@code WORKER_THREADS}, else IO threads x
     * {@code THREADS}: 16 on one or two CPUs), at most {@value #DEFAULT_POOL_CAP}. A pool that
     * size never leaves a platform worker waiting for a connection, and with virtual threads it
     * is the limit on queries at once that the platform pool would have been. Measured at 80
     * connections under --cpus=1 (bench/todo.py): 16 connections served about 20% more than 3.
     */
    static int defaultPoolSize(Config config, int cores) {
        int workers;
        if (config.hasPath("server.worker-threads")) {
            workers = config.getInt("server.worker-threads");
        } else {
            int io;
            if (config.hasPath("server.io-threads")) {
                io = config.getInt("server.io-threads");
            } else {
                io = Math.max(2, (int) Math.floor(cores * config.getDouble("server.workers-per-core")));
                if (config.hasPath("server.max-workers")) {
                    io = Math.min(io, config.getInt("server.max-workers"));
                }
            }
            workers = io * (config.hasPath("server.threads") ? config.getInt("server.threads") : 8);
        }
        return Math.max(1, Math.min(workers, DEFAULT_POOL_CAP));
    }

    /**
     * @param config the merged configuration: {@code app.db}, and the server's thread settings
     *               for the default pool size; a bad value throws, naming the variable or
     *               file:line it came from
     */
    static DbSettings from(Config config, int cores) {
        Config db = config.getConfig("app.db");
        int poolSize = db.hasPath("pool-size") ? atLeastOne(db, "pool-size") : defaultPoolSize(config, cores);
        return new DbSettings(db.getString("url"), db.getString("user"), db.getString("password"),
                poolSize, seconds(db, "connection-timeout"));
    }

    private static int atLeastOne(Config db, String key) {
        ConfigValue value = db.getValue(key);
        if (!value.unwrapped().toString().trim().matches("\\d+")) {
            throw bad(value, key, "is not a whole number");
        }
        int n = db.getInt(key);
        if (n < 1) {
            throw bad(value, key, "must be at least 1");
        }
        return n;
    }

    /**
     * Seconds as a number (fractions allowed), or a HOCON duration such as "500ms". An
     * environment variable is a string, which Typesafe Config would read as milliseconds.
     */
    private static Duration seconds(Config db, String key) {
        ConfigValue value = db.getValue(key);
        String text = value.unwrapped().toString().trim();
        Duration duration;
        try {
            duration = text.matches("\\d+(\\.\\d+)?")
                    ? Duration.ofNanos(Math.round(Double.parseDouble(text) * 1e9))
                    : db.getDuration(key);
        } catch (RuntimeException e) {
            throw bad(value, key, "is not a duration (seconds, or e.g. 500ms)");
        }
        if (duration.toMillis() < 250) {
            throw bad(value, key, "must be at least 250ms (HikariCP's minimum)");
        }
        return duration;
    }

    private static IllegalArgumentException bad(ConfigValue value, String key, String problem) {
        return new IllegalArgumentException(value.origin().description() + ": app.db." + key + ": \""
                + value.unwrapped() + "\" " + problem);
    }
}
