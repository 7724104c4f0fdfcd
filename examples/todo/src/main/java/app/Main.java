package app;

import com.typesafe.config.Config;
import io.undertow.server.HttpHandler;
import java.sql.SQLException;

/**
 * The todo example: a JSON API over PostgreSQL (see {@link TodoApi}). The launcher finds it by
 * convention (class {@code app.Main}): {@link #app(Config)} is the handler factory, called once
 * with the merged configuration, and {@link #ready()} is the readiness check next to it
 * (README, Probes and health checks).
 */
public final class Main {

    private static volatile Database database;

    private Main() {
    }

    public static HttpHandler app(Config config) {
        DbSettings settings = DbSettings.from(config, Runtime.getRuntime().availableProcessors());
        Database db = new Database(settings);
        db.createSchemaIfReachable();
        database = db;
        return new TodoApi(db);
    }

    /** Ready while the database answers and the schema is in place; throws what went wrong otherwise. */
    public static boolean ready() throws SQLException {
        Database db = database;
        return db != null && db.ready();
    }
}
