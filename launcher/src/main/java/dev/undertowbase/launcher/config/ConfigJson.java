package dev.undertowbase.launcher.config;

import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import io.undertow.Version;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one-line JSON of README, What it prints: printed before listening and by --print-config. */
public final class ConfigJson {

    private ConfigJson() {
    }

    public static String render(ServerConfig config, Tuning tuning, String appModule, List<Path> classPath) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("app_module", appModule);
        json.put("app_dir", config.app().dir().toString());
        json.put("config_file", config.configFile() != null ? config.configFile() : config.defaultsFile());
        json.put("defaults_file", config.defaultsFile());

        ThreadSettings threads = config.threads();
        json.put("cores", tuning.cores());
        json.put("workers_per_core", threads.workersPerCore().value().toJsonNumber());
        json.put("max_workers", threads.maxWorkers().value());
        json.put("web_concurrency", threads.ioThreads().value());
        json.put("io_threads", tuning.ioThreads());
        json.put("worker_pool", tuning.workerPool().label());
        json.put("threads", tuning.threads());
        json.put("worker_threads", tuning.workerThreads());

        ListenAddress listen = config.listen().value();
        json.put("host", listen.host());
        json.put("port", listen.port());
        json.put("bind", listen.toString());

        json.put("log_level", config.logs().level().label());
        TimeoutSettings timeouts = config.timeouts();
        json.put("timeout", seconds(timeouts.timeout()));
        json.put("keep_alive", seconds(timeouts.keepAlive()));
        json.put("graceful_timeout", seconds(timeouts.graceful()));
        json.put("access_log", config.accessLog().target().value());
        json.put("access_log_format", config.accessLog().format().value());
        json.put("error_log", config.logs().errorLog().value());
        json.put("classpath", classPath.stream().map(Path::toString).toList());
        json.put("undertow_version", Version.getVersionString());
        return ConfigValueFactory.fromMap(json).render(ConfigRenderOptions.concise());
    }

    /** Whole seconds as integers (30, not 30.0). */
    private static Number seconds(Duration duration) {
        long nanos = duration.toNanos();
        return nanos % 1_000_000_000L == 0 ? (Number) (nanos / 1_000_000_000L) : (Number) (nanos / 1e9);
    }
}
