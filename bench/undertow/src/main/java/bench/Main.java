package bench;

import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.util.Headers;

/**
 * Undertow as its builder leaves it: default thread counts, buffers and options. The one line it
 * prints, in the launcher's format, lets {@code bench/startup.py} time its start as it times ours.
 */
public final class Main {
    public static void main(String[] args) {
        HttpHandler routes = ex -> {
            switch (ex.getRequestPath()) {
                case "/" -> {
                    ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain");
                    ex.getResponseSender().send("Hello, World!");
                }
                case "/json" -> {
                    ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
                    ex.getResponseSender().send("{\"message\":\"Hello, World!\"}");
                }
                default -> ex.setStatusCode(404);
            }
        };
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        Undertow.builder().addHttpListener(port, "0.0.0.0").setHandler(routes).build().start();
        SocketMain.listening(port);
    }
}
