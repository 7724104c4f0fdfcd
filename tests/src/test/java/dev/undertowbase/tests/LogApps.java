package dev.undertowbase.tests;

/** The app of the proxy and log tests (JSON lines are read by the launcher tests' {@code Json}). */
final class LogApps {

    /**
     * /where answers "client scheme url" as the app sees them; /work/N logs "io N" on the IO
     * thread, dispatches, logs "worker N before", waits until a second /work request is in flight,
     * logs "worker N after"; /boom throws behind a BlockingHandler; anything else logs
     * "hello from PATH".
     */
    static final String APP = """
            package app;

            import io.undertow.server.HttpHandler;
            import io.undertow.server.HttpServerExchange;
            import io.undertow.server.handlers.BlockingHandler;
            import java.util.concurrent.CyclicBarrier;
            import java.util.concurrent.TimeUnit;
            import org.slf4j.Logger;
            import org.slf4j.LoggerFactory;

            public class Main {
                private static final Logger LOG = LoggerFactory.getLogger("app");
                private static final CyclicBarrier PAIRS = new CyclicBarrier(2);
                private static final HttpHandler BOOM = new BlockingHandler(exchange -> {
                    throw new IllegalStateException("boom on purpose");
                });

                public static final HttpHandler app = Main::handle;

                private static void handle(HttpServerExchange exchange) throws Exception {
                    String path = exchange.getRequestPath();
                    if (path.equals("/where")) {
                        exchange.getResponseSender().send(exchange.getSourceAddress().getAddress().getHostAddress()
                                + " " + exchange.getRequestScheme() + " " + exchange.getRequestURL());
                    } else if (path.startsWith("/work/")) {
                        String n = path.substring("/work/".length());
                        LOG.info("io {}", n);
                        exchange.dispatch(() -> {
                            LOG.info("worker {} before", n);
                            try {
                                PAIRS.await(20, TimeUnit.SECONDS);
                            } catch (Exception e) {
                                LOG.warn("no second request in flight with {}", n);
                            }
                            LOG.info("worker {} after", n);
                            exchange.getResponseSender().send(n);
                        });
                    } else if (path.equals("/boom")) {
                        BOOM.handleRequest(exchange);
                    } else {
                        LOG.info("hello from {}", path);
                        exchange.getResponseSender().send("ok");
                    }
                }
            }
            """;

    private LogApps() {
    }

    static String traceId(int n) {
        return "%032x".formatted(0x4bf92f35L * 1000 + n);
    }

    static String spanId(int n) {
        return "%016x".formatted(0xabc000L + n);
    }

    static String traceparent(int n) {
        return "00-" + traceId(n) + "-" + spanId(n) + "-01";
    }
}
