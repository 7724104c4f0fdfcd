package app;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool, the schema, and the readiness check.
 *
 * <p>Requests take connections from {@link #connection()}, a HikariCP pool of
 * {@link DbSettings#poolSize()}. The readiness check has a pool of its own with one connection:
 * a check that queued behind requests for a pooled connection would fail whenever the app is
 * busy, and take a loaded but healthy instance out of its load balancer.
 *
 * <p>Neither pool needs the database at start ({@code initializationFailTimeout = -1}): the app
 * starts, answers 503 and reports not ready until the database is reachable, creates the schema
 * then, and recovers by itself when the database comes back after a restart.
 */
final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS todo (
              id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
              title text NOT NULL,
              done boolean NOT NULL DEFAULT false
            )""";

    private final HikariDataSource pool;
    private final HikariDataSource probe;
    private volatile boolean schemaCreated;

    Database(DbSettings settings) {
        HikariConfig requests = config(settings, "todo");
        requests.setMaximumPoolSize(settings.poolSize());
        requests.setConnectionTimeout(settings.connectionTimeout().toMillis());
        this.pool = new HikariDataSource(requests);

        // Bounded so that one check answers within the server's 1 s (README, Probes and health checks).
        HikariConfig ready = config(settings, "todo-ready");
        ready.setMaximumPoolSize(1);
        ready.setConnectionTimeout(800);
        ready.setValidationTimeout(500);
        this.probe = new HikariDataSource(ready);
        LOG.info("Database pool: {} connections to {} as {}", settings.poolSize(), settings.url(), settings.user());
    }

    private static HikariConfig config(DbSettings settings, String name) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        // Start without the database; connections are made once it answers.
        config.setInitializationFailTimeout(-1);
        // PgJDBC's own default waits 10 s for a TCP connect; the URL may still set its own.
        config.addDataSourceProperty("connectTimeout", "2");
        config.addDataSourceProperty("ApplicationName", name);
        return config;
    }

    /**
     * Creates the schema now if the database answers within {@code app.db.connection-timeout}
     * (the server listens after this); otherwise logs why, and it is created on first use.
     */
    void createSchemaIfReachable() {
        try (Connection connection = pool.getConnection()) {
            createSchema(connection);
        } catch (SQLException e) {
            LOG.warn("No database connection at start ({}): readiness answers 503 until there is one; the schema is created then",
                    e.getMessage());
        }
    }

    /** A pooled connection, the schema created on it first if no connection has done so yet. */
    Connection connection() throws SQLException {
        Connection connection = pool.getConnection();
        try {
            createSchema(connection);
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * The readiness check: the database answers on the check's own connection and the schema is
     * there. Throws what went wrong (logged by the server once per reason).
     */
    boolean ready() throws SQLException {
        try (Connection connection = probe.getConnection()) {
            createSchema(connection);
            return connection.isValid(1);
        }
    }

    private void createSchema(Connection connection) throws SQLException {
        if (schemaCreated) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(SCHEMA);
        }
        if (!schemaCreated) {
            schemaCreated = true;
            LOG.info("Schema ready (table todo)");
        }
    }

    @Override
    public void close() {
        probe.close();
        pool.close();
    }
}
