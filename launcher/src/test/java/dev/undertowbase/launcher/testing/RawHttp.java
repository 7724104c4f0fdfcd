package dev.undertowbase.launcher.testing;

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
 * A client that writes exactly the bytes a test gives, for requests no HTTP client would send
 * (smuggling vectors, heads over the limits, bodies that stop half way).
 */
public final class RawHttp implements AutoCloseable {

    private static final Pattern STATUS = Pattern.compile("HTTP/1\\.[01] (\\d{3})");
    /** A server that never answers fails the test instead of hanging it. */
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    private final Socket socket;

    private RawHttp(Socket socket) {
        this.socket = socket;
    }

    public static RawHttp connect(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout((int) PATIENCE.toMillis());
        return new RawHttp(socket);
    }

    /** Writes the text as ISO-8859-1 bytes. */
    public RawHttp send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public RawHttp send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        return this;
    }

    /** Everything the server sends until it closes the connection (a reset counts as closing). */
    public String readUntilClosed() throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                received.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept the connection open for " + PATIENCE.toSeconds()
                + " s; it sent: " + received.toString(StandardCharsets.ISO_8859_1), e);
        } catch (SocketException e) {
            // reset after the response: what was read is what the client got
        }
        return received.toString(StandardCharsets.ISO_8859_1);
    }

    /** What the server sends within {@code time}, without waiting for it to close. */
    public String readFor(Duration time) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        long deadline = System.nanoTime() + time.toNanos();
        try {
            for (long left = time.toMillis(); left > 0; left = (deadline - System.nanoTime()) / 1_000_000) {
                socket.setSoTimeout((int) Math.max(1, left));
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                received.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            // the time is up
        } finally {
            socket.setSoTimeout((int) PATIENCE.toMillis());
        }
        return received.toString(StandardCharsets.ISO_8859_1);
    }

    /** The status codes of the responses in {@code text}, in order. */
    public static List<Integer> statuses(String text) {
        return STATUS.matcher(text).results().map(m -> Integer.parseInt(m.group(1))).toList();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
