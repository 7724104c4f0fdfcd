package dev.undertowbase.launcher.server.handlers;

import dev.undertowbase.launcher.config.ServerConfig;
import dev.undertowbase.launcher.server.Feature;
import dev.undertowbase.launcher.server.HandlerChain;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/** The server's features in request order, outermost first: the one place that says which run and in what order. */
public final class Features {

    private Features() {
    }

    /** @param stdout where logs configured as "-" on stdout write (the access log) */
    public static HandlerChain of(ServerConfig config, OutputStream stdout) {
        List<Feature> features = new ArrayList<>();
        features.add(new Timeouts(config.timeouts()));
        AccessLog accessLog = AccessLog.open(config.accessLog(), stdout);
        if (accessLog != null) {
            features.add(accessLog);
        }
        // after the access log, so rejected requests are logged too
        features.add(new RequestFraming(config.limits()));
        features.add(new RequestBodies(config.limits(), config.timeouts(), Runtime.getRuntime().maxMemory()));
        return new HandlerChain(features);
    }
}
