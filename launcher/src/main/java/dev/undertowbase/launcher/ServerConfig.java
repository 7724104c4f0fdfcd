package dev.undertowbase.launcher;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Everything the launcher reads, read once and validated: the merged HOCON configuration
 * (SPEC §5) plus the app-discovery variables (SPEC §4), which are environment-only.
 *
 * <p>Nullable fields (maxWorkers, ioThreads, workerThreads, appModule, moduleName, configFile)
 * are unset when null.
 */
public record ServerConfig(
    Path appDir,
    String appModule,
    String moduleName,
    String variableName,
    String configFile,
    String defaultsFile,
    ListenAddress listen,
    String listenSource,
    double workersPerCore,
    Integer maxWorkers,
    Integer ioThreads,
    int threads,
    Integer workerThreads,
    LogLevel logLevel,
    String accessLog,
    String accessLogSource,
    String accessLogFormat,
    String errorLog,
    String errorLogSource,
    Duration timeout,
    Duration keepAlive,
    Duration gracefulTimeout,
    Config config) {

    /** The image's defaults file; the copy bundled in the jar is used when it is absent. */
    public static final Path DEFAULTS_FILE = Path.of("/server-conf/server.conf");

    /** The same configuration reading the app from {@code dir} (reload mode loads from snapshots). */
    public ServerConfig withAppDir(Path dir) {
        return new ServerConfig(dir, appModule, moduleName, variableName, configFile, defaultsFile, listen,
                listenSource, workersPerCore, maxWorkers, ioThreads, threads, workerThreads, logLevel, accessLog,
                accessLogSource, accessLogFormat, errorLog, errorLogSource, timeout, keepAlive, gracefulTimeout, config);
    }

    public static ServerConfig load(Map<String, String> env) {
        return load(env, DEFAULTS_FILE);
    }

    public static ServerConfig load(Map<String, String> env, Path defaultsFile) {
        Path appDir = Path.of(nonEmpty(env.get("APP_DIR"), "/app"));
        ConfigLayers layers = ConfigLayers.load(env, defaultsFile, appDir);
        Settings s = new Settings(layers.config());

        String bind = s.optionalString("bind");
        ListenAddress listen = bind != null
            ? ListenAddress.parse(bind, s, "bind")
            : new ListenAddress(hostOf(s), s.port("port"));
        String listenSource = bind != null ? s.source("bind") : s.source("port");

        return new ServerConfig(
            appDir,
            nonEmpty(env.get("APP_MODULE"), null),
            nonEmpty(env.get("MODULE_NAME"), null),
            nonEmpty(env.get("VARIABLE_NAME"), "app"),
            layers.configFile(),
            layers.defaultsFile(),
            listen,
            listenSource,
            s.positiveNumber("workers-per-core"),
            s.optionalCount("max-workers"),
            s.optionalCount("io-threads"),
            s.count("threads"),
            s.optionalCount("worker-threads"),
            s.logLevel("log-level"),
            offIfUnset(s.optionalString("access-log")),
            s.source("access-log"),
            s.string("access-log-format"),
            offIfUnset(s.optionalString("error-log")),
            s.source("error-log"),
            s.seconds("timeout"),
            s.seconds("keep-alive"),
            s.seconds("graceful-timeout"),
            layers.config());
    }

    private static String hostOf(Settings s) {
        String host = s.string("host").trim();
        if (host.isEmpty()) {
            throw s.bad("host", host, "is empty");
        }
        // "[::1]" is accepted as well as "::1"
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** An unset or empty log target switches that log off. */
    private static String offIfUnset(String target) {
        return target == null ? "" : target;
    }

    private static String nonEmpty(String value, String otherwise) {
        return value == null || value.isBlank() ? otherwise : value.trim();
    }
}
