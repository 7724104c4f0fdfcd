package app;

import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import io.undertow.util.Headers;

/**
 * The example app: {@code /} answers a plain-text greeting, {@code /json} a small JSON object.
 * The launcher finds it by convention (class {@code app.Main}, field {@code app}).
 */
public final class Main {

    public static final HttpHandler app = Handlers.path()
            .addExactPath("/", exchange -> {
                exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
                exchange.getResponseSender().send("Hello, World!");
            })
            .addExactPath("/json", exchange -> {
                exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
                exchange.getResponseSender().send("{\"message\":\"Hello, World!\"}");
            });

    private Main() {
    }
}
