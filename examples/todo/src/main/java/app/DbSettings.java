package app;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
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
     * use, plus one (HikariCP's "About Pool Sizing", applied to the cores we can see). Requests
     * beyond it wait for a connection, which is the point: a few busy connections serve a query
     * load faster than many that contend in the database.
     */
    static int defaultPoolSize(int cores) {
        return 2 * cores + 1;
    }

    /** @param db the {@code app.db} section; a bad value throws, naming the variable or file:line it came from */
    static DbSettings from(Config db, int cores) {
        int poolSize = db.hasPath("pool-size") ? atLeastOne(db, "pool-size") : defaultPoolSize(cores);
        return new DbSettings(db.getString("url"), db.getString("user"), db.getString("password"),
                poolSize, seconds(db, "connection-timeout"));
    }

    private static int atLeastOne(Config db, String key) {
        ConfigValue value = db.getValue(key);
        if (value.valueType() != ConfigValueType.NUMBER && !value.unwrapped().toString().matches("\\d+")) {
            throw bad(value, key, "is not a whole number");
        }
        int n = db.getInt(key);
        if (n < 1) {
            throw bad(value, key, "must be at least 1");
        }
        return n;
    }

    /** Seconds as a number (fractions allowed), or a HOCON duration such as "500ms". */
    private static Duration seconds(Config db, String key) {
        ConfigValue value = db.getValue(key);
        Duration duration;
        try {
            duration = value.valueType() == ConfigValueType.NUMBER
                    ? Duration.ofNanos(Math.round(db.getDouble(key) * 1e9))
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
