package dev.undertowbase.launcher.testing;

import dev.undertowbase.launcher.config.ServerConfig;
import dev.undertowbase.launcher.config.Tuning;
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
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The server with the features of an env map, in this JVM on a free loopback port, and an
 * HTTP/1.1 client for it; the access log goes to {@link #stdout()}.
 */
public final class LocalServer implements AutoCloseable {

    public static final Duration PATIENCE = Duration.ofSeconds(10);

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final HttpClient client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1).connectTimeout(PATIENCE).build();
    private final Server server;

    private LocalServer(Path appDir, HttpHandler app, Supplier<BooleanSupplier> appCheck, String... env) {
        String[] pairs = new String[env.length + 4];
        System.arraycopy(new String[] {"HOST", "127.0.0.1", "PORT", "0"}, 0, pairs, 0, 4);
        System.arraycopy(env, 0, pairs, 4, env.length);
        ServerConfig config = TestEnv.load(appDir, pairs);
        server = Server.start(config.listen(), Tuning.of(config.threads(), 2), Features.of(config, stdout, appCheck), app);
    }

    /** @param appCheck the app's ready check, null for none */
    public static LocalServer start(Path appDir, HttpHandler app, BooleanSupplier appCheck, String... env) {
        return new LocalServer(appDir, app, () -> appCheck, env);
    }

    public static LocalServer start(Path appDir, HttpHandler app, String... env) {
        return start(appDir, app, null, env);
    }

    public Server server() {
        return server;
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).timeout(PATIENCE);
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public HttpResponse<String> get(String path) {
        return send(request(path));
    }

    public CompletableFuture<HttpResponse<String>> getAsync(String path) {
        return client.sendAsync(request(path).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The access log so far. */
    public String stdout() {
        synchronized (stdout) {
            return stdout.toString(StandardCharsets.UTF_8);
        }
    }

    /** Whether a connection to the loopback port is refused (no listener there). */
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

    @Override
    public void close() {
        server.stop(Duration.ZERO);
    }
}
