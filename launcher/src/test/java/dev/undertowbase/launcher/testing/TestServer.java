package dev.undertowbase.launcher.testing;

import dev.undertowbase.launcher.config.ServerConfig;
import dev.undertowbase.launcher.config.Tuning;
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
import java.util.concurrent.CompletableFuture;

/**
 * The server in this JVM on an ephemeral loopback port with every feature as the launcher builds
 * them from an env, and an HTTP client for it: the access log goes to {@link #stdout()}.
 */
public final class TestServer implements AutoCloseable {

    public static final Duration PATIENCE = Duration.ofSeconds(10);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(PATIENCE).build();
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final Server server;
    private final ServerConfig config;

    private TestServer(Path appDir, HttpHandler app, String... env) {
        String[] pairs = new String[env.length + 4];
        pairs[0] = "HOST";
        pairs[1] = "127.0.0.1";
        pairs[2] = "PORT";
        pairs[3] = "0";
        System.arraycopy(env, 0, pairs, 4, env.length);
        this.config = TestEnv.load(appDir, pairs);
        this.server = Server.start(config.listen(), Tuning.of(config.threads(), 2), Features.of(config, stdout), app);
    }

    /** @param env name/value pairs on top of HOST=127.0.0.1 and PORT=0 */
    public static TestServer start(Path appDir, HttpHandler app, String... env) {
        return new TestServer(appDir, app, env);
    }

    public ServerConfig config() {
        return config;
    }

    public int port() {
        return server.port();
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

    /** The access log's output so far. */
    public String stdout() {
        synchronized (stdout) {
            return stdout.toString(StandardCharsets.UTF_8);
        }
    }

    /** The access log's lines once {@code count} of them are written. */
    public List<String> accessLines(int count) {
        Poll.until(PATIENCE, () -> count + " access lines in " + stdout(), () -> stdout().lines().count() >= count);
        return stdout().lines().toList();
    }

    @Override
    public void close() {
        server.stop(PATIENCE);
    }

    private HttpRequest request(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .timeout(PATIENCE);
        if (headers.length > 0) {
            request.headers(headers);
        }
        return request.build();
    }
}
