package dev.undertowbase.launcher.testing;

import dev.undertowbase.launcher.config.ServerConfig;
import dev.undertowbase.launcher.config.Tuning;
import dev.undertowbase.launcher.server.Server;
import dev.undertowbase.launcher.server.handlers.Features;
import io.undertow.server.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/** The launcher's server with its features, in this JVM on an ephemeral loopback port; stops on close. */
public final class TestServer implements AutoCloseable {

    private final Server server;
    private final ByteArrayOutputStream stdout;

    private TestServer(Server server, ByteArrayOutputStream stdout) {
        this.server = server;
        this.stdout = stdout;
    }

    /** Serves {@code handler} with the configuration of an env of {@code pairs} (plus HOST=127.0.0.1, PORT=0). */
    public static TestServer start(Path appDir, HttpHandler handler, String... pairs) {
        String[] env = new String[pairs.length + 4];
        env[0] = "HOST";
        env[1] = "127.0.0.1";
        env[2] = "PORT";
        env[3] = "0";
        System.arraycopy(pairs, 0, env, 4, pairs.length);
        ServerConfig config = TestEnv.load(appDir, env);
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        Server server = Server.start(config.listen(), Tuning.of(config.threads(), 2), Features.of(config, stdout), handler);
        return new TestServer(server, stdout);
    }

    public Server server() {
        return server;
    }

    public int port() {
        return server.port();
    }

    /** What the server wrote to stdout (the access log). */
    public String stdout() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    /** True once the listening socket is closed (a stopping server). */
    public boolean refusesConnections() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port()), 1000);
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
