package dev.undertowbase.tests;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/** The app of the proxy and log tests, and strict reading of JSON log lines. */
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

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private LogApps() {
    }

    /** Every non-blank line of {@code text} as a JSON object; a line that is not one fails. */
    static List<JsonNode> jsonLines(String text) {
        return text.lines().filter(line -> !line.isBlank()).map(LogApps::json).toList();
    }

    static JsonNode json(String line) {
        try {
            JsonNode node = MAPPER.readTree(line);
            if (node == null || !node.isObject()) {
                throw new AssertionError("not a JSON object: " + line);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new AssertionError("not one JSON object: " + line, e);
        }
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
