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

    /**
     * The pool size when {@code app.db.pool-size} is not set: twice the CPUs this container may
     * use, plus one (HikariCP's "About Pool Sizing" rule, with the cores the server's threads are
     * sized from): 3 on one CPU, 5 on two. Small on purpose: every instance holds its own pool,
     * and PostgreSQL allows 100 connections by default, so an app scaled out to many instances
     * must not take many each. Requests beyond it wait for a connection.
     */
    static int defaultPoolSize(int cores) {
        return 2 * cores + 1;
    }

    /**
     * @param config the merged configuration, whose {@code app.db} is read; a bad value throws,
     *               naming the variable or file:line it came from
     */
    static DbSettings from(Config config, int cores) {
        Config db = config.getConfig("app.db");
        int poolSize = db.hasPath("pool-size") ? atLeastOne(db, "pool-size") : defaultPoolSize(cores);
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
