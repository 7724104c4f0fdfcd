package dev.undertowbase.launcher.config;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.Map;

/**
 * Everything the launcher reads, read once and validated, grouped by the part of the server that
 * uses it: the merged HOCON configuration (README, Configuration files) and the app-discovery
 * variables (README, Finding your handler), which are environment-only.
 *
 * @param configFile   the app's conf file, or null when it has none
 * @param defaultsFile where the defaults came from
 * @param config       the whole merged configuration (sections server and app), for the app's factory
 */
public record ServerConfig(
    AppSettings app,
    String configFile,
    String defaultsFile,
    ListenSettings listen,
    ThreadSettings threads,
    LogSettings logs,
    AccessLogSettings accessLog,
    TimeoutSettings timeouts,
    ShutdownSettings shutdown,
    ProbeSettings probes,
    LoadSheddingSettings loadShedding,
    ProxySettings proxies,
    LimitSettings limits,
    ProtocolSettings protocols,
    Config config) {

    /** The image's defaults file; the copy bundled in the jar is used when it is absent. */
    public static final Path DEFAULTS_FILE = Path.of("/server-conf/server.conf");

    public static ServerConfig load(Map<String, String> env) {
        return load(env, DEFAULTS_FILE);
    }

    public static ServerConfig load(Map<String, String> env, Path defaultsFile) {
        AppSettings app = AppSettings.read(env);
        ConfigLayers layers = ConfigLayers.load(env, defaultsFile, app.dir());
        Settings s = new Settings(layers.config());
        s.rejectUnknownKeys(layers.serverKeys());
        LogSettings logs = LogSettings.read(s);
        return new ServerConfig(
            app,
            layers.configFile(),
            layers.defaultsFile(),
            ListenSettings.read(s),
            ThreadSettings.read(s),
            logs,
            AccessLogSettings.read(s, logs.format()),
            TimeoutSettings.read(s),
            ShutdownSettings.read(s),
            ProbeSettings.read(s),
            LoadSheddingSettings.read(s),
            ProxySettings.read(s),
            LimitSettings.read(s),
            ProtocolSettings.read(s),
            layers.config());
    }
}
