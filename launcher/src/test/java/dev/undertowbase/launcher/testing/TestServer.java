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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The server in this JVM on an ephemeral loopback port with every feature as the launcher builds
 * them from an env (or a chain of the test's choosing), and an HTTP client for it: the access log
 * is kept in memory ({@link #accessLog()}).
 */
public final class TestServer implements AutoCloseable {

    public static final Duration PATIENCE = Duration.ofSeconds(10);

    // HTTP/1.1: the JDK client would otherwise upgrade to h2c (HTTP2 is on by default)
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(PATIENCE).build();
    private final ByteArrayOutputStream stdout;
    private final Server server;
    private final ServerConfig config;

    private TestServer(ServerConfig config, Server server, ByteArrayOutputStream stdout) {
        this.config = config;
        this.server = server;
        this.stdout = stdout;
    }

    /** The server's own features, configured by {@code env} pairs on top of HOST=127.0.0.1 and PORT=0. */
    public static TestServer start(Path appDir, HttpHandler app, String... env) {
        return start(appDir, app, (config, stdout) -> Features.of(config, stdout), env);
    }

    /** Features of the test's choosing, e.g. built for a heap of a given size. */
    public static TestServer start(Path appDir, HttpHandler app, ChainFactory chain, String... env) {
        String[] pairs = new String[env.length + 4];
        pairs[0] = "HOST";
        pairs[1] = "127.0.0.1";
        pairs[2] = "PORT";
        pairs[3] = "0";
        System.arraycopy(env, 0, pairs, 4, env.length);
        ServerConfig config = TestEnv.load(appDir, pairs);
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        HandlerChain handlers = chain.create(config, stdout);
        return new TestServer(config, Server.start(config.listen(), Tuning.of(config.threads(), 2), handlers, app), stdout);
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

    /** @param headers name/value pairs */
    public HttpResponse<String> get(String path, String... headers) {
        try {
            return client.send(request(path, headers), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted during GET " + path, e);
        }
    }

    public CompletableFuture<HttpResponse<String>> getAsync(String path, String... headers) {
        return client.sendAsync(request(path, headers), HttpResponse.BodyHandlers.ofString());
    }

    /** The access log so far. */
    public String accessLog() {
        synchronized (stdout) {
            return stdout.toString(StandardCharsets.UTF_8);
        }
    }

    /** The access log's lines once {@code count} of them are written. */
    public List<String> accessLines(int count) {
        Poll.until(PATIENCE, () -> count + " access lines in " + accessLog(), () -> accessLog().lines().count() >= count);
        return accessLog().lines().toList();
    }

    /** The access line of the first request whose request line contains {@code fragment}, once written. */
    public String accessLine(String fragment) {
        Function<String, Optional<String>> find = log -> log.lines().filter(l -> l.contains(fragment)).findFirst();
        return Poll.until(PATIENCE, () -> "an access line with " + fragment + " in:\n" + accessLog(),
            () -> find.apply(accessLog()));
    }

    @Override
    public void close() {
        server.stop(Duration.ZERO);
    }

    private HttpRequest request(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).timeout(PATIENCE);
        if (headers.length > 0) {
            request.headers(headers);
        }
        return request.build();
    }

    /** Builds the feature chain from the configuration and where "-" logs write. */
    @FunctionalInterface
    public interface ChainFactory {
        HandlerChain create(ServerConfig config, ByteArrayOutputStream stdout);
    }
}
