package bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The JVM alone, no HTTP library: a blocking {@code ServerSocket} that answers each connection's
 * first request with a 200 and closes it. Only for timing a cold start (bench/bounds.md): what
 * the JVM costs before any server code, against which Undertow's own start is measured.
 */
public final class SocketMain {
    private static final byte[] OK = ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 13\r\n"
        + "Connection: close\r\n\r\nHello, World!").getBytes(StandardCharsets.US_ASCII);

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(port));
            listening(port);
            while (true) {
                try (Socket socket = server.accept()) {
                    readHead(socket.getInputStream());
                    OutputStream out = socket.getOutputStream();
                    out.write(OK);
                    out.flush();
                }
            }
        }
    }

    private static void readHead(InputStream in) throws IOException {
        int matched = 0;  // how much of CR LF CR LF has been read
        for (int b; matched < 4 && (b = in.read()) >= 0; ) {
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    /** The launcher's "Listening on" line, with the millisecond timestamp bench/startup.py reads. */
    static void listening(int port) {
        String now = Instant.ofEpochMilli(System.currentTimeMillis()).toString();
        System.out.println((now.indexOf('.') < 0 ? now.replace("Z", ".000Z") : now) + " Listening on " + port);
    }
}
