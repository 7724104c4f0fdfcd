package dev.undertowbase.launcher.testing;

import dev.undertowbase.launcher.config.ServerConfig;
import dev.undertowbase.launcher.config.Tuning;
import dev.undertowbase.launcher.server.HandlerChain;
import dev.undertowbase.launcher.server.Server;
import dev.undertowbase.launcher.server.handlers.Features;
import io.undertow.server.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * The launcher's Server in this JVM, so a test sees a feature the way a client does (over a real
 * socket, through the whole chain) without building an image: it listens on an ephemeral loopback
 * port, so tests never collide on a port; its features are built from an env as the launcher builds
 * them (or are the test's own choice); the access log is kept in memory so a test can read what a
 * user would see on stdout.
 */
public final class LocalServer implements AutoCloseable {

    /** How long a test waits for anything: generous, so a busy machine slows a test without failing it. */
    public static final Duration PATIENCE = Duration.ofSeconds(10);

    // HTTP/1.1: the JDK client would otherwise try an h2c upgrade (HTTP2 is on by default)
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(PATIENCE).build();
    private final ServerConfig config;
    private final ByteArrayOutputStream stdout;
    private final Server server;

    private LocalServer(ServerConfig config, ByteArrayOutputStream stdout, Server server) {
        this.config = config;
        this.stdout = stdout;
        this.server = server;
    }

    /** The server's own features, configured by {@code env} pairs on top of HOST=127.0.0.1 and PORT=0. */
    public static LocalServer start(Path appDir, HttpHandler app, String... env) {
        return start(appDir, app, (config, stdout) -> Features.of(config, stdout), env);
    }

    /** As {@link #start(Path, HttpHandler, String...)}, with the app's ready check behind readiness. */
    public static LocalServer start(Path appDir, HttpHandler app, BooleanSupplier appCheck, String... env) {
        return start(appDir, app, (config, stdout) -> Features.of(config, stdout, () -> appCheck), env);
    }

    /** Features of the test's choosing, e.g. built for a heap of a given size. */
    public static LocalServer start(Path appDir, HttpHandler app, ChainFactory chain, String... env) {
        String[] pairs = new String[env.length + 4];
        System.arraycopy(new String[] {"HOST", "127.0.0.1", "PORT", "0"}, 0, pairs, 0, 4);
        System.arraycopy(env, 0, pairs, 4, env.length);
        ServerConfig config = TestEnv.load(appDir, pairs);
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        HandlerChain handlers = chain.create(config, stdout);
        return new LocalServer(config, stdout, Server.start(config.listen(), Tuning.of(config.threads(), 2), handlers, app));
    }

    public ServerConfig config() {
        return config;
    }

    public int port() {
        return server.port();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** For tests of stopping (drain, delay), which call Server.stop themselves. */
    public Server server() {
        return server;
    }

    /** A request to {@code path} that a test may add to before {@link #send}. */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(url(path))).timeout(PATIENCE);
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        HttpRequest built = request.build();
        try {
            return client.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted during " + built.method() + " " + built.uri().getPath(), e);
        }
    }

    /** @param headers name/value pairs */
    public HttpResponse<String> get(String path, String... headers) {
        return send(withHeaders(path, headers));
    }

    /** @param headers name/value pairs */
    public CompletableFuture<HttpResponse<String>> getAsync(String path, String... headers) {
        return client.sendAsync(withHeaders(path, headers).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The access log so far. */
    public String accessLog() {
        synchronized (stdout) {
            return stdout.toString(StandardCharsets.UTF_8);
        }
    }

    /** The access log's lines once {@code count} of them are written (a line follows its response). */
    public List<String> accessLines(int count) {
        Poll.until(PATIENCE, () -> count + " access lines in " + accessLog(), () -> accessLog().lines().count() >= count);
        return accessLog().lines().toList();
    }

    /** The access line of the first request whose request line contains {@code fragment}, once written. */
    public String accessLine(String fragment) {
        return Poll.until(PATIENCE, () -> "an access line with " + fragment + " in:\n" + accessLog(),
            () -> accessLog().lines().filter(line -> line.contains(fragment)).findFirst());
    }

    /** Whether a connection to the loopback port is refused: nothing listens there any more. */
    public static boolean refused(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops at once: no test waits on a drain here (those call {@link Server#stop} themselves). */
    @Override
    public void close() {
        server.stop(Duration.ZERO);
    }

    private HttpRequest.Builder withHeaders(String path, String... headers) {
        HttpRequest.Builder request = request(path);
        if (headers.length > 0) {
            request.headers(headers);
        }
        return request;
    }

    /** Builds the feature chain from the configuration and where "-" logs write. */
    @FunctionalInterface
    public interface ChainFactory {
        HandlerChain create(ServerConfig config, ByteArrayOutputStream stdout);
    }
}
