package dev.undertowbase.launcher.testing;

import dev.undertowbase.launcher.config.ServerConfig;
import dev.undertowbase.launcher.config.Tuning;
import dev.undertowbase.launcher.server.HandlerChain;
import dev.undertowbase.launcher.server.Server;
import dev.undertowbase.launcher.server.handlers.Features;
import io.undertow.server.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/** The server in this JVM on a free loopback port, its access log kept in memory. */
public final class TestServer implements AutoCloseable {

    private final Server server;
    private final ByteArrayOutputStream stdout;

    private TestServer(Server server, ByteArrayOutputStream stdout) {
        this.server = server;
        this.stdout = stdout;
    }

    /** The server's own features, configured by {@code env} pairs, in front of {@code app}. */
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
        return new TestServer(Server.start(config.listen(), Tuning.of(config.threads(), 2), handlers, app), stdout);
    }

    public int port() {
        return server.port();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** The access log so far. */
    public String accessLog() {
        synchronized (stdout) {
            return stdout.toString(StandardCharsets.UTF_8);
        }
    }

    /** The access line of the first request whose request line contains {@code fragment}, once written. */
    public String accessLine(String fragment) {
        Function<String, Optional<String>> find = log -> log.lines().filter(l -> l.contains(fragment)).findFirst();
        return Poll.until(Duration.ofSeconds(10), () -> "an access line with " + fragment + " in:\n" + accessLog(),
            () -> find.apply(accessLog()));
    }

    @Override
    public void close() {
        server.stop(Duration.ZERO);
    }

    /** Builds the feature chain from the configuration and where "-" logs write. */
    @FunctionalInterface
    public interface ChainFactory {
        HandlerChain create(ServerConfig config, ByteArrayOutputStream stdout);
    }
}
