package dev.undertowbase.tests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A client that writes exactly the bytes a test gives (smuggling vectors, heads over the limits,
 * bodies that stop half way) to a container's mapped port.
 */
final class RawHttp implements AutoCloseable {

    private static final Pattern STATUS = Pattern.compile("HTTP/1\\.[01] (\\d{3})");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final Socket socket;

    private RawHttp(Socket socket) {
        this.socket = socket;
    }

    static RawHttp connect(Server server) {
        try {
            Socket socket = new Socket(server.uri("/").getHost(), server.mappedPort());
            socket.setSoTimeout((int) PATIENCE.toMillis());
            return new RawHttp(socket);
        } catch (IOException e) {
            throw new AssertionError("cannot connect to " + server.uri("/"), e);
        }
    }

    /** Writes the text as ISO-8859-1; a server that already answered and closed may refuse the rest. */
    RawHttp send(String text) {
        try {
            socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
        } catch (IOException e) {
            // answered early: what it answered is still there to read
        }
        return this;
    }

    /** Everything the server sends until it closes the connection (a reset counts as closing). */
    String readUntilClosed() {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                received.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept the connection open for " + PATIENCE.toSeconds()
                + " s; it sent: " + received.toString(StandardCharsets.ISO_8859_1), e);
        } catch (SocketException e) {
            // reset after the response: what was read is what the client got
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return received.toString(StandardCharsets.ISO_8859_1);
    }

    /** The status codes of the responses in {@code text}, in order. */
    static List<Integer> statuses(String text) {
        return STATUS.matcher(text).results().map(m -> Integer.parseInt(m.group(1))).toList();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing a socket the server already closed
        }
    }
}
