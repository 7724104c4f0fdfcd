package dev.undertowbase.launcher.server;

import io.undertow.server.HttpHandler;
import java.util.ArrayList;
import java.util.List;
import org.xnio.OptionMap;
import org.xnio.StreamConnection;

/** The server's features in request order, outermost first: builds the handler chain and the listener options from them. */
public final class HandlerChain {

    private final List<Feature> features;
    private final List<ConnectionFeature> connectionFeatures;

    public HandlerChain(List<Feature> features) {
        this.features = List.copyOf(features);
        this.connectionFeatures = features.stream()
            .filter(ConnectionFeature.class::isInstance).map(ConnectionFeature.class::cast).toList();
    }

    /** Hands a newly accepted connection to the features that want to see it, in request order. */
    void accepted(StreamConnection connection) {
        for (ConnectionFeature feature : connectionFeatures) {
            feature.accepted(connection);
        }
    }

    /** {@code app} behind every feature: a request passes the first feature first. */
    HttpHandler wrap(HttpHandler app) {
        HttpHandler handler = app;
        for (Feature feature : features.reversed()) {
            handler = feature.wrap(handler);
        }
        return handler;
    }

    /** The one feature that is a {@link Transport}, else {@link Transport#CLEARTEXT}. */
    Transport transport() {
        List<Transport> transports = features.stream()
            .filter(Transport.class::isInstance).map(Transport.class::cast).toList();
        if (transports.size() > 1) {
            throw new IllegalStateException("more than one transport among the features: " + transports);
        }
        return transports.isEmpty() ? Transport.CLEARTEXT : transports.get(0);
    }

    /** {@code base} with every feature's options added. */
    OptionMap listenerOptions(OptionMap base) {
        OptionMap.Builder options = OptionMap.builder().addAll(base);
        for (Feature feature : features) {
            feature.listenerOptions(options);
        }
        return options.getMap();
    }

    /** Tells every feature that the server begins to stop. */
    void stopping() {
        features.forEach(Feature::stopping);
    }

    /** Closes the features, innermost first; one that fails does not keep the others open. */
    void close() {
        List<RuntimeException> failures = new ArrayList<>();
        for (Feature feature : features.reversed()) {
            try {
                feature.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }
}
