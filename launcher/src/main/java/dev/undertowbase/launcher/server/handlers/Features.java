package dev.undertowbase.launcher.server.handlers;

import dev.undertowbase.launcher.config.ServerConfig;
import dev.undertowbase.launcher.server.Feature;
import dev.undertowbase.launcher.server.HandlerChain;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** The server's features in request order, outermost first: the one place that says which run and in what order. */
public final class Features {

    private Features() {
    }

    /** The chain for an app without a ready check. */
    public static HandlerChain of(ServerConfig config, OutputStream stdout) {
        return of(config, stdout, () -> null);
    }

    /**
     * @param stdout   where logs configured as "-" on stdout write (the access log)
     * @param appCheck the app's ready check once the app is loaded, null while it has none (the
     *                 chain is built before the app loads, so that a bad setting stops the start
     *                 before any app code runs)
     */
    public static HandlerChain of(ServerConfig config, OutputStream stdout, Supplier<BooleanSupplier> appCheck) {
        List<Feature> features = new ArrayList<>();
        // outermost: an upgraded HTTP/2 connection's requests enter the chain behind it
        if (config.protocols().http2()) {
            features.add(new Http2(!config.protocols().tls()));
        }
        Tls tls = Tls.open(config.protocols());
        if (tls != null) {
            features.add(tls);
        }
        // before every feature that reads the client: the access log included sees the one the proxies name
        features.add(new ProxyHeaders(config.proxies()));
        features.add(new Timeouts(config.timeouts()));
        features.add(new Tracing());
        Probes probes = Probes.of(config.probes(), appCheck);
        AccessLog accessLog = AccessLog.open(config.accessLog(), config.logs(), stdout);
        // probe requests reach the access log only when the probes come after it (ACCESS_LOG_PROBES=true)
        boolean probesLogged = config.probes().accessLogged();
        if (probes != null && !probesLogged) {
            features.add(probes);
        }
        if (accessLog != null) {
            features.add(accessLog);
        }
        if (probes != null && probesLogged) {
            features.add(probes);
        }
        // after the probes (a saturated server still answers them) and the access log (shed requests are logged)
        if (config.loadShedding().on()) {
            features.add(new LoadShedding(config.loadShedding().limitConcurrency()));
        }
        // after the access log, so rejected requests are logged too
        features.add(new RequestFraming(config.limits()));
        features.add(new RequestBodies(config.limits(), config.timeouts(), Runtime.getRuntime().maxMemory()));
        return new HandlerChain(features);
    }
}
