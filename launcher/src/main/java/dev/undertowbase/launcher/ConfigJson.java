package dev.undertowbase.launcher;

import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import io.undertow.Version;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one-line JSON of SPEC §7, printed before listening and by --print-config. */
public final class ConfigJson {

    private ConfigJson() {
    }

    public static String render(ServerConfig config, Tuning tuning, String appModule, List<Path> classPath) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("app_module", appModule);
        json.put("app_dir", config.appDir().toString());
        json.put("config_file", config.configFile() != null ? config.configFile() : config.defaultsFile());
        json.put("defaults_file", config.defaultsFile());
        json.put("cores", tuning.cores());
        json.put("workers_per_core", number(config.workersPerCore()));
        json.put("max_workers", config.maxWorkers());
        json.put("web_concurrency", config.ioThreads());
        json.put("io_threads", tuning.ioThreads());
        json.put("threads", config.threads());
        json.put("worker_threads", tuning.workerThreads());
        json.put("host", config.listen().host());
        json.put("port", config.listen().port());
        json.put("bind", config.listen().toString());
        json.put("log_level", config.logLevel().label());
        json.put("timeout", seconds(config.timeout()));
        json.put("keep_alive", seconds(config.keepAlive()));
        json.put("graceful_timeout", seconds(config.gracefulTimeout()));
        json.put("access_log", config.accessLog());
        json.put("access_log_format", config.accessLogFormat());
        json.put("error_log", config.errorLog());
        json.put("classpath", classPath.stream().map(Path::toString).toList());
        json.put("undertow_version", Version.getVersionString());
        return ConfigValueFactory.fromMap(json).render(ConfigRenderOptions.concise());
    }

    private static Number seconds(Duration duration) {
        return number(duration.toNanos() / 1e9);
    }

    /** Whole numbers as integers (30, not 30.0). */
    private static Number number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 0x1p53 ? (Number) (long) value : (Number) value;
    }
}
