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

    /** @param readyCheck the app's ready check in use ("app.Main:ready"), null when it has none */
    public static String render(ServerConfig config, Tuning tuning, String appModule, String readyCheck,
                                List<Path> classPath) {
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
        json.put("carrier_threads", tuning.carrierThreads());

        ListenAddress listen = config.listen().value();
        json.put("host", listen.host());
        json.put("port", listen.port());
        json.put("bind", listen.toString());

        json.put("log_level", config.logs().level().label());
        TimeoutSettings timeouts = config.timeouts();
        json.put("timeout", seconds(timeouts.timeout()));
        json.put("keep_alive", seconds(timeouts.keepAlive()));
        json.put("graceful_timeout", seconds(timeouts.graceful()));
        json.put("shutdown_delay", seconds(config.shutdown().delay()));
        ProbeSettings probes = config.probes();
        json.put("liveness_path", probes.liveness());
        json.put("readiness_path", probes.readiness());
        json.put("ready_check", readyCheck);
        json.put("access_log_probes", probes.accessLogged());
        json.put("limit_concurrency", config.loadShedding().limitConcurrency());
        json.put("header_timeout", seconds(timeouts.header()));
        LimitSettings limits = config.limits();
        json.put("max_header_size", limits.maxHeaderSize());
        json.put("max_headers", limits.maxHeaders());
        long bodyLimit = limits.bodyLimit(Runtime.getRuntime().maxMemory());
        json.put("max_body_size", bodyLimit < 0 ? null : bodyLimit);
        ProtocolSettings protocols = config.protocols();
        json.put("http2", protocols.http2());
        json.put("tls_cert_file", protocols.tls() ? protocols.certFile().value().toString() : null);
        json.put("tls_key_file", protocols.tls() ? protocols.keyFile().value().toString() : null);
        json.put("access_log", config.accessLog().target().value());
        json.put("access_log_format", config.accessLog().format().value());
        json.put("error_log", config.logs().errorLog().value());
        json.put("log_format", config.logs().format().label());
        json.put("forwarded_allow_ips", config.proxies().allowIps());
        json.put("google_cloud_project", config.logs().googleCloudProject());
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
