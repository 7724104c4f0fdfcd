package app;

import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;

/**
 * The app of the rollout test (deploy/test/run.sh). {@code /} answers at once, {@code /slow}
 * after 300 ms on a worker thread, so that a replica being stopped always has requests in
 * flight. Every answer names the replica ({@code X-Replica}, the container's host name) and the
 * version ({@code X-Version}, from {@code APP_VERSION}, which the test's two images set
 * differently), which is how the test counts responses per replica and per version.
 */
public final class Main {

    private static final HttpString REPLICA = new HttpString("X-Replica");
    private static final HttpString VERSION = new HttpString("X-Version");
    private static final String HOST = System.getenv().getOrDefault("HOSTNAME", "unknown");
    private static final String APP_VERSION = System.getenv().getOrDefault("APP_VERSION", "unknown");

    public static final HttpHandler app = Handlers.path()
            .addExactPath("/", Main::hello)
            .addExactPath("/slow", exchange -> {
                if (exchange.isInIoThread()) {
                    exchange.dispatch(Main::slow);
                } else {
                    slow(exchange);
                }
            });

    private Main() {
    }

    private static void slow(HttpServerExchange exchange) throws InterruptedException {
        Thread.sleep(300);
        hello(exchange);
    }

    private static void hello(HttpServerExchange exchange) {
        exchange.getResponseHeaders()
                .put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8")
                .put(REPLICA, HOST)
                .put(VERSION, APP_VERSION);
        exchange.getResponseSender().send("Hello from " + HOST + " (" + APP_VERSION + ")\n");
    }
}
