package app;

import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.util.Headers;
import io.undertow.util.SameThreadExecutor;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The app of the blocking rows (bench/RESULTS.md): handlers that block the way a database call
 * does, on the pool a user gets by default.
 * <ul>
 * <li>{@code /blocking}: a {@code BlockingHandler} that sleeps 50 ms, then answers;
 * <li>{@code /dispatch}: the same after {@code exchange.dispatch()};
 * <li>{@code /timer}: the same wait as a timer on the IO thread, answered there: no thread per
 *     request and no hand-off between threads, so the floor of what the harness can measure for a
 *     50 ms answer, not a way to write a blocking handler;
 * <li>{@code /echo}: reads the request body through {@code getInputStream()} and writes it back
 *     through {@code getOutputStream()};
 * <li>{@code /stats}: after a full GC, what the process holds: open file descriptors, OS
 *     threads, heap, RSS and direct buffers, as JSON.
 * </ul>
 */
public final class Main {

    static final long WAIT_MILLIS = 50;

    public static final HttpHandler app = Handlers.path()
            .addExactPath("/blocking", new BlockingHandler(Main::waitAndAnswer))
            .addExactPath("/dispatch", exchange -> {
                if (exchange.isInIoThread()) {
                    exchange.dispatch(Main::waitAndAnswer);
                    return;
                }
                waitAndAnswer(exchange);
            })
            .addExactPath("/timer", exchange -> exchange.dispatch(SameThreadExecutor.INSTANCE, () ->
                exchange.getIoThread().executeAfter(() -> answer(exchange), WAIT_MILLIS, TimeUnit.MILLISECONDS)))
            .addExactPath("/echo", new BlockingHandler(Main::echo))
            .addExactPath("/stats", new BlockingHandler(Main::stats));

    private Main() {
    }

    private static void waitAndAnswer(HttpServerExchange exchange) throws InterruptedException {
        Thread.sleep(WAIT_MILLIS);
        answer(exchange);
    }

    private static void answer(HttpServerExchange exchange) {
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain");
        exchange.getResponseSender().send("waited 50 ms");
    }

    private static void echo(HttpServerExchange exchange) throws Exception {
        byte[] body;
        try (InputStream in = exchange.getInputStream()) {
            body = in.readAllBytes();
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/octet-stream");
        exchange.setResponseContentLength(body.length);
        try (OutputStream out = exchange.getOutputStream()) {
            out.write(body);
        }
    }

    private static void stats(HttpServerExchange exchange) throws Exception {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long fds;
        try (Stream<Path> open = Files.list(Path.of("/proc/self/fd"))) {
            fds = open.count();
        }
        String status = Files.readString(Path.of("/proc/self/status"));
        BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct")).findFirst().orElseThrow();
        String json = "{\"fds\":" + fds
                + ",\"threads\":" + field(status, "Threads:")
                + ",\"heap_after_gc_bytes\":" + heap
                + ",\"rss_bytes\":" + field(status, "VmRSS:") * 1024
                + ",\"direct_buffers\":" + direct.getCount()
                + ",\"direct_bytes\":" + direct.getMemoryUsed() + "}";
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender().send(json, StandardCharsets.UTF_8);
    }

    /** The number after a /proc/self/status label ("VmRSS:  1234 kB" gives 1234). */
    private static long field(String status, String label) {
        return status.lines().filter(line -> line.startsWith(label)).findFirst()
                .map(line -> Long.parseLong(line.substring(label.length()).trim().split("\\s+")[0]))
                .orElse(-1L);
    }
}
