package dev.undertowbase.launcher.testing;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A cleartext HTTP/2 connection by prior knowledge, spoken frame by frame (RFC 9113): what
 * {@code curl --http2-prior-knowledge} and gRPC clients send, and what the JDK's HttpClient
 * cannot (it reaches h2c only by Upgrade). Also sends what an attacker sends: floods of resets.
 */
public final class H2c implements AutoCloseable {

    public static final int DATA = 0x0;
    public static final int HEADERS = 0x1;
    public static final int RST_STREAM = 0x3;
    public static final int SETTINGS = 0x4;
    public static final int GOAWAY = 0x7;
    public static final int WINDOW_UPDATE = 0x8;
    public static final int END_STREAM = 0x1;
    private static final int END_HEADERS = 0x4;
    private static final int ACK = 0x1;
    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /** One frame as read. */
    public record Frame(int type, int flags, int stream, byte[] payload) {

        /** A GOAWAY's or RST_STREAM's error code. */
        public int errorCode() {
            ByteBuffer buffer = ByteBuffer.wrap(payload);
            return type == GOAWAY ? buffer.getInt(4) : buffer.getInt(0);
        }

        /** A SETTINGS frame's values by identifier. */
        public Map<Integer, Integer> settings() {
            Map<Integer, Integer> settings = new HashMap<>();
            ByteBuffer buffer = ByteBuffer.wrap(payload);
            while (buffer.remaining() >= 6) {
                settings.put(buffer.getShort() & 0xffff, buffer.getInt());
            }
            return settings;
        }

        /**
         * The :status of a response HEADERS frame, from the first field of its HPACK block: the
         * server encodes :status first, as an index into the static table (200, 204, 206, 304, 400,
         * 404, 500) or as a literal with a plain (not Huffman-coded) value.
         */
        public int status() {
            int first = payload[0] & 0xff;
            int indexed = switch (first) {
                case 0x88 -> 200;
                case 0x89 -> 204;
                case 0x8a -> 206;
                case 0x8b -> 304;
                case 0x8c -> 400;
                case 0x8d -> 404;
                case 0x8e -> 500;
                default -> 0;
            };
            if (indexed != 0) {
                return indexed;
            }
            if ((first & 0x0f) == 8 && (payload[1] & 0x80) == 0) {
                return Integer.parseInt(new String(payload, 2, payload[1], StandardCharsets.US_ASCII));
            }
            throw new AssertionError(String.format("cannot read the :status of a header block starting 0x%02x 0x%02x",
                first, payload[1] & 0xff));
        }
    }

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;

    private H2c(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = new DataInputStream(socket.getInputStream());
    }

    /** Connects, sends the preface and empty SETTINGS; a server that goes silent fails the read after {@code patience}. */
    public static H2c open(int port, Duration patience) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout((int) patience.toMillis());
        H2c connection = new H2c(socket);
        connection.out.write(PREFACE);
        connection.frame(SETTINGS, 0, 0, new byte[0]);
        return connection;
    }

    /** GET {@code path} on stream {@code stream} (odd, rising), with no body. */
    public void get(int stream, String path) throws IOException {
        byte[] pathBytes = path.getBytes(StandardCharsets.US_ASCII);
        byte[] authority = "localhost".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer block = ByteBuffer.allocate(8 + pathBytes.length + authority.length);
        block.put((byte) 0x82).put((byte) 0x86); // :method GET, :scheme http (static table)
        block.put((byte) 0x04).put((byte) pathBytes.length).put(pathBytes); // :path, literal without indexing
        block.put((byte) 0x01).put((byte) authority.length).put(authority); // :authority
        frame(HEADERS, END_STREAM | END_HEADERS, stream, Arrays.copyOf(block.array(), block.position()));
    }

    /** RST_STREAM with CANCEL, as a client that gave up on the request. */
    public void reset(int stream) throws IOException {
        frame(RST_STREAM, 0, stream, ByteBuffer.allocate(4).putInt(0x8).array());
    }

    /** A WINDOW_UPDATE of zero, a stream error the server answers with its own RST_STREAM. */
    public void zeroWindowUpdate(int stream) throws IOException {
        frame(WINDOW_UPDATE, 0, stream, new byte[4]);
    }

    public void frame(int type, int flags, int stream, byte[] payload) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(9);
        header.put((byte) (payload.length >>> 16)).put((byte) (payload.length >>> 8)).put((byte) payload.length);
        header.put((byte) type).put((byte) flags).putInt(stream);
        out.write(header.array());
        out.write(payload);
        out.flush();
    }

    /** The next frame; null once the server has closed the connection. */
    public Frame read() throws IOException {
        byte[] header = new byte[9];
        try {
            in.readFully(header);
        } catch (EOFException e) {
            return null;
        }
        int length = ((header[0] & 0xff) << 16) | ((header[1] & 0xff) << 8) | (header[2] & 0xff);
        byte[] payload = new byte[length];
        in.readFully(payload);
        Frame frame = new Frame(header[3], header[4] & 0xff, ByteBuffer.wrap(header, 5, 4).getInt() & 0x7fffffff, payload);
        if (frame.type() == SETTINGS && (frame.flags() & ACK) == 0) {
            frame(SETTINGS, ACK, 0, new byte[0]);
        }
        return frame;
    }

    /** Reads until a frame {@code wanted} accepts; fails if the connection ends first. */
    public Frame readUntil(String what, Predicate<Frame> wanted) throws IOException {
        for (Frame frame = read(); frame != null; frame = read()) {
            if (wanted.test(frame)) {
                return frame;
            }
        }
        throw new AssertionError("the server closed the connection before " + what);
    }

    /** Reads until the server closes the connection; true if it did (false: it sent more than {@code maxFrames}). */
    public boolean closedWithin(int maxFrames) throws IOException {
        for (int i = 0; i < maxFrames; i++) {
            try {
                if (read() == null) {
                    return true;
                }
            } catch (SocketException e) {
                return true; // reset by the server
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
