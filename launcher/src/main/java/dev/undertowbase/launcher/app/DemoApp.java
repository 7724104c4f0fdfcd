package dev.undertowbase.launcher.app;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/** Served when the app directory holds no code, so a bare image answers and says what to do. */
public final class DemoApp implements HttpHandler {

    static final String TEXT = """
        Hello from undertow-base!

        No app was found: the app directory (APP_DIR, /app by default) holds no classes or jars.
        Copy your jar there with a class app.Main holding
            public static final HttpHandler app = exchange -> exchange.getResponseSender().send("Hello World!");
        or point APP_MODULE at your handler, e.g. APP_MODULE=com.example.Api:app
        """;

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        exchange.getResponseSender().send(TEXT);
    }
}
