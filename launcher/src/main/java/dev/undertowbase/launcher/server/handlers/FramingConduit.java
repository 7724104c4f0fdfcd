package dev.undertowbase.launcher.server.handlers;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;
import org.xnio.StreamConnection;
import org.xnio.conduits.StreamSourceConduit;

/**
 * Reads a connection's raw bytes before Undertow's parser does and follows HTTP/1.1 framing
 * strictly (RFC 9112): request heads, Content-Length bodies, chunked bodies and their trailers.
 * Undertow parses what this passes on; this only decides where a request may not go further.
 *
 * <p>A rejection (a head over the limits, obsolete line folding, a bare LF, a Transfer-Encoding
 * other than {@code chunked}, both Content-Length and Transfer-Encoding, malformed chunk framing)
 * never reaches the app: the rest of the input is dropped and Undertow is handed a head that
 * carries {@link RequestFraming#REJECTED} with the status to answer, so the answer goes out in
 * order behind any pipelined responses. The injected bytes end the head well-formed from the
 * exact point Undertow's parser is at (a problem in the body marks the head just before its end).
 * Only when the whole head has already gone to Undertow and the problem is in the body is the
 * read failed instead, and the connection closes.
 *
 * <p>Bytes pass through the state machine once, in the buffer Undertow read into; a body of known
 * length and chunk data are skipped, not scanned. Once a connection stops speaking HTTP/1.1 (the
 * handler accepted an Upgrade or a CONNECT, see {@link #tunnelled}, or an HTTP/2 preface came)
 * bytes pass untouched; an Upgrade header alone changes nothing.
 */
final class FramingConduit extends BufferReadingConduit {

    // states of the request head
    private static final int LINE = 0;
    private static final int LINE_LF = 1;
    private static final int FIELD_START = 2;
    private static final int NAME = 3;
    private static final int VALUE = 4;
    private static final int VALUE_LF = 5;
    private static final int END_LF = 6;
    // states of the body
    private static final int FIXED = 7;
    private static final int CHUNK_SIZE = 8;
    private static final int CHUNK_EXT = 9;
    private static final int CHUNK_SIZE_LF = 10;
    private static final int CHUNK_DATA = 11;
    private static final int CHUNK_DATA_CR = 12;
    private static final int CHUNK_DATA_LF = 13;
    // the connection
    private static final int PASSTHROUGH = 14;
    private static final int REJECTED = 15;

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    /** Longest header name compared with the four this reads; longer ones are counted only. */
    private static final int NAME_BYTES = 20;
    /** Longest chunk-size line (size and extensions). */
    private static final int MAX_CHUNK_LINE = 4096;

    /**
     * Connections whose request this failed mid-body. Undertow's chunked decoder closes the
     * connection on the failure, and the clean-up that runs inside that close reads the body
     * again and sees only a closed channel: {@link #failedBody} tells the reader why.
     */
    private static final Map<StreamConnection, Rejection> FAILED_BODIES =
        Collections.synchronizedMap(new WeakHashMap<>());
    /** Connections whose head asked for an Upgrade or a CONNECT, until the exchange says whether it happened. */
    private static final Map<StreamConnection, FramingConduit> AWAITING_TUNNEL =
        Collections.synchronizedMap(new WeakHashMap<>());

    private final RequestFraming limits;
    private final StreamConnection connection;
    /** Set from the thread that completed an upgraded exchange, before the new protocol's first read. */
    private volatile boolean tunnel;

    private int state = LINE;
    /** Bytes of the current head so far (request line and headers). */
    private int headBytes;
    private int fields;
    /** Spaces seen in the request line: 0 in the method, 1 in the target, 2 in the version. */
    private int lineSpaces;
    private final byte[] method = new byte[8];
    private int methodLength;
    private final byte[] name = new byte[NAME_BYTES];
    private int nameLength;
    /** The header being read: one of the interesting ones, or none. */
    private int field;
    private StringBuilder value;
    private boolean inTrailers;
    private boolean sawHost;
    private boolean upgrade;
    private int contentLengths;
    private long contentLength;
    private int transferEncodings;
    private boolean chunked;
    private boolean badFraming;
    /** Bytes left of a fixed-length body or chunk. */
    private long remaining;
    private int chunkDigits;
    private int chunkLine;

    /** Where in the buffer being scanned the empty line ending the current head began, -1 if not in it. */
    private int headEnd;

    /** Bytes meant for Undertow that did not fit in its buffer. */
    private ByteBuffer pending;
    private ByteBuffer discard;

    FramingConduit(StreamSourceConduit next, RequestFraming limits, StreamConnection connection) {
        super(next);
        this.limits = limits;
        this.connection = connection;
    }

    /** Why this failed the body of the request on {@code connection}; null if it did not. */
    static Rejection failedBody(StreamConnection connection) {
        return FAILED_BODIES.get(connection);
    }

    private MalformedBodyException failBody(Rejection problem) {
        FAILED_BODIES.put(connection, problem);
        return new MalformedBodyException(problem.reason);
    }

    /**
     * Called when an exchange on {@code connection} completes: if it switched protocols (101) or
     * opened a CONNECT tunnel (2xx), the rest of the connection is not HTTP/1.1 and passes untouched.
     */
    static void exchangeCompleted(StreamConnection connection, boolean tunnelled) {
        FramingConduit conduit = AWAITING_TUNNEL.remove(connection);
        if (conduit != null && tunnelled) {
            conduit.tunnel = true;
        }
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (pending != null) {
            return drainPending(dst);
        }
        if (tunnel || state == PASSTHROUGH) {
            return next.read(dst);
        }
        if (state == REJECTED) {
            return discardInput();
        }
        int start = dst.position();
        int read = next.read(dst);
        if (read <= 0) {
            return read;
        }
        byte[] injection = scan(dst, start, dst.position());
        if (injection == null) {
            return read;
        }
        // scan() left the position where the injection goes
        int room = dst.remaining();
        if (injection.length <= room) {
            dst.put(injection);
        } else {
            dst.put(injection, 0, room);
            pending = ByteBuffer.wrap(injection, room, injection.length - room);
        }
        return dst.position() - start;
    }

    @Override
    public void resumeReads() {
        next.resumeReads();
        if (pending != null) {
            // the socket may have nothing more to say, but the reader has bytes waiting here
            next.wakeupReads();
        }
    }

    @Override
    public void awaitReadable() throws IOException {
        if (pending == null) {
            next.awaitReadable();
        }
    }

    @Override
    public void awaitReadable(long time, TimeUnit timeUnit) throws IOException {
        if (pending == null) {
            next.awaitReadable(time, timeUnit);
        }
    }

    private int drainPending(ByteBuffer dst) {
        int count = Math.min(dst.remaining(), pending.remaining());
        int limit = pending.limit();
        pending.limit(pending.position() + count);
        dst.put(pending);
        pending.limit(limit);
        if (!pending.hasRemaining()) {
            pending = null;
        }
        return count;
    }

    /** After a rejection the rest of the input is read and dropped, so the socket never stays readable. */
    private int discardInput() throws IOException {
        if (discard == null) {
            discard = ByteBuffer.allocate(4096);
        }
        int read;
        do {
            discard.clear();
            read = next.read(discard);
        } while (read > 0);
        return read;
    }

    /**
     * Follows the bytes {@code [from, to)} of {@code buffer}. Returns null when they may all go
     * to Undertow; else the bytes to hand over instead of everything from the buffer's (then
     * moved) position on.
     */
    private byte[] scan(ByteBuffer buffer, int from, int to) throws IOException {
        headEnd = -1;
        int max = limits.maxHeaderSize();
        int i = from;
        while (i < to) {
            if (state == LINE || state == NAME || state == VALUE) {
                // most bytes of a head change nothing but the count: run over them, up to the limit
                i = skipOrdinary(buffer, i, Math.min(to, i + Math.max(0, max - headBytes)));
                if (i == to) {
                    break;
                }
            }
            switch (state) {
                case FIXED, CHUNK_DATA -> {
                    long skip = Math.min(remaining, to - i);
                    i += (int) skip;
                    remaining -= skip;
                    if (remaining == 0) {
                        if (state == FIXED) {
                            endRequest();
                        } else {
                            state = CHUNK_DATA_CR;
                        }
                    }
                    continue;
                }
                case PASSTHROUGH -> {
                    return null;
                }
                default -> {
                }
            }
            byte b = buffer.get(i);
            if (state < FIXED && ++headBytes > max) {
                return reject(buffer, i, inTrailers ? Rejection.MALFORMED_BODY
                    : state <= LINE_LF ? Rejection.LINE_TOO_LONG : Rejection.HEAD_TOO_LARGE);
            }
            Rejection problem = step(b, i);
            if (problem != null) {
                return reject(buffer, i, problem);
            }
            i++;
        }
        return null;
    }

    /**
     * Follows the bytes from {@code from} that leave the state as it is (request-line characters,
     * name characters, field-value characters) up to {@code stop}; returns where it stopped.
     */
    private int skipOrdinary(ByteBuffer buffer, int from, int stop) {
        int i = from;
        if (state == VALUE) {
            StringBuilder kept = value;
            for (byte b; i < stop && isFieldByte(b = buffer.get(i)); i++) {
                if (kept != null) {
                    kept.append((char) (b & 0xff));
                }
            }
        } else if (state == NAME) {
            for (byte b; i < stop && TOKEN[(b = buffer.get(i)) & 0xff]; i++) {
                addNameByte(b);
            }
        } else {
            for (byte b; i < stop && (b = buffer.get(i)) != CR && b != LF; i++) {
                if (b == ' ') {
                    lineSpaces++;
                } else if (lineSpaces == 0 && methodLength < method.length) {
                    method[methodLength++] = b;
                }
            }
        }
        headBytes += i - from;
        return i;
    }

    /** A byte of a field value: visible, space, tab or obs-text; not a control character. */
    private static boolean isFieldByte(byte b) {
        return b >= ' ' ? b != 0x7f : b == '\t' || b < 0;
    }

    /** One byte of a head or of chunk framing; null when it fits, else what is wrong. */
    private Rejection step(byte b, int position) {
        switch (state) {
            case LINE -> {
                if (b == CR) {
                    state = LINE_LF;
                } else if (b == LF) {
                    return Rejection.BARE_LF;
                } else if (b == ' ') {
                    lineSpaces++;
                } else if (lineSpaces == 0 && methodLength < method.length) {
                    method[methodLength++] = b;
                }
            }
            case LINE_LF -> {
                if (b != LF) {
                    return Rejection.MALFORMED_HEAD;
                }
                state = FIELD_START;
            }
            case FIELD_START -> {
                if (b == CR) {
                    if (!inTrailers) {
                        headEnd = position;
                        Rejection problem = framing();
                        if (problem != null) {
                            return problem;
                        }
                    }
                    state = END_LF;
                } else if (b == ' ' || b == '\t') {
                    return inTrailers ? Rejection.MALFORMED_BODY : Rejection.LINE_FOLDING;
                } else if (isTokenChar(b)) {
                    if (!inTrailers && ++fields > limits.maxHeaders()) {
                        return Rejection.TOO_MANY_FIELDS;
                    }
                    nameLength = 0;
                    addNameByte(b);
                    state = NAME;
                } else {
                    return inTrailers ? Rejection.MALFORMED_BODY : Rejection.MALFORMED_HEAD;
                }
            }
            case NAME -> {
                if (b == ':') {
                    field = inTrailers ? Field.OTHER : Field.of(name, nameLength);
                    if (field == Field.HOST) {
                        sawHost = true;
                    } else if (field == Field.UPGRADE) {
                        upgrade = true;
                    } else if (field != Field.OTHER) {
                        value = new StringBuilder();
                    }
                    state = VALUE;
                } else if (isTokenChar(b)) {
                    addNameByte(b);
                } else {
                    return inTrailers ? Rejection.MALFORMED_BODY : Rejection.MALFORMED_HEAD;
                }
            }
            case VALUE -> {
                if (b == CR) {
                    state = VALUE_LF;
                } else if (b == LF) {
                    return inTrailers ? Rejection.MALFORMED_BODY : Rejection.BARE_LF;
                } else if (!isFieldByte(b)) {
                    return inTrailers ? Rejection.MALFORMED_BODY : Rejection.MALFORMED_HEAD;
                } else if (value != null) {
                    value.append((char) (b & 0xff));
                }
            }
            case VALUE_LF -> {
                if (b != LF) {
                    return inTrailers ? Rejection.MALFORMED_BODY : Rejection.MALFORMED_HEAD;
                }
                endField();
                state = FIELD_START;
            }
            case END_LF -> {
                if (b != LF) {
                    return inTrailers ? Rejection.MALFORMED_BODY : Rejection.MALFORMED_HEAD;
                }
                if (inTrailers) {
                    endRequest();
                } else {
                    endHead();
                }
            }
            case CHUNK_SIZE -> {
                int digit = Character.digit(b, 16);
                if (++chunkLine > MAX_CHUNK_LINE) {
                    return Rejection.MALFORMED_BODY;
                }
                if (digit >= 0) {
                    if (++chunkDigits > 15) {
                        return Rejection.MALFORMED_BODY;
                    }
                    remaining = remaining << 4 | digit;
                } else if (chunkDigits == 0) {
                    return Rejection.MALFORMED_BODY;
                } else if (b == CR) {
                    state = CHUNK_SIZE_LF;
                } else if (b == ';' || b == ' ' || b == '\t') {
                    state = CHUNK_EXT;
                } else {
                    return Rejection.MALFORMED_BODY;
                }
            }
            case CHUNK_EXT -> {
                if (++chunkLine > MAX_CHUNK_LINE) {
                    return Rejection.MALFORMED_BODY;
                }
                if (b == CR) {
                    state = CHUNK_SIZE_LF;
                } else if ((b >= 0 && b < ' ' && b != '\t') || b == 0x7f) {
                    return Rejection.MALFORMED_BODY;
                }
            }
            case CHUNK_SIZE_LF -> {
                if (b != LF) {
                    return Rejection.MALFORMED_BODY;
                }
                if (remaining == 0) {
                    inTrailers = true;
                    headBytes = 0;
                    state = FIELD_START;
                } else {
                    state = CHUNK_DATA;
                }
            }
            case CHUNK_DATA_CR -> {
                if (b != CR) {
                    return Rejection.MALFORMED_BODY;
                }
                state = CHUNK_DATA_LF;
            }
            case CHUNK_DATA_LF -> {
                if (b != LF) {
                    return Rejection.MALFORMED_BODY;
                }
                startChunk();
            }
            default -> throw new IllegalStateException("state " + state);
        }
        return null;
    }

    private void addNameByte(byte b) {
        if (nameLength < NAME_BYTES) {
            name[nameLength] = b;
        }
        nameLength++;
    }

    private void endField() {
        if (value == null) {
            return;
        }
        String text = value.toString().strip();
        value = null;
        if (field == Field.CONTENT_LENGTH) {
            contentLengths++;
            contentLength = parseLength(text);
        } else if (field == Field.TRANSFER_ENCODING) {
            transferEncodings++;
            chunked = text.equalsIgnoreCase("chunked");
        }
    }

    /** The body framing the head declares, or why it cannot be trusted. */
    private Rejection framing() {
        if (transferEncodings > 0) {
            if (transferEncodings > 1 || !chunked) {
                return Rejection.TRANSFER_ENCODING;
            }
            if (contentLengths > 0) {
                return Rejection.LENGTH_AND_ENCODING;
            }
        } else if (contentLengths > 1 || (contentLengths == 1 && contentLength < 0)) {
            return Rejection.CONTENT_LENGTH;
        }
        return null;
    }

    private void endHead() {
        if (isMethod("PRI")) {
            // HTTP/2 with prior knowledge: Undertow takes the connection over (or refuses it)
            state = PASSTHROUGH;
            return;
        }
        if (upgrade || isMethod("CONNECT")) {
            AWAITING_TUNNEL.put(connection, this);
        }
        if (transferEncodings > 0) {
            startChunk();
        } else if (contentLengths > 0 && contentLength > 0) {
            remaining = contentLength;
            state = FIXED;
        } else {
            endRequest();
        }
    }

    private void startChunk() {
        remaining = 0;
        chunkDigits = 0;
        chunkLine = 0;
        state = CHUNK_SIZE;
    }

    private void endRequest() {
        state = LINE;
        headEnd = -1;
        headBytes = 0;
        fields = 0;
        lineSpaces = 0;
        methodLength = 0;
        inTrailers = false;
        sawHost = false;
        upgrade = false;
        contentLengths = 0;
        contentLength = 0;
        transferEncodings = 0;
        chunked = false;
    }

    private boolean isMethod(String expected) {
        if (methodLength != expected.length()) {
            return false;
        }
        for (int i = 0; i < methodLength; i++) {
            if (method[i] != expected.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Decides what Undertow gets instead of the rest of the input, and leaves the buffer's
     * position where it goes. {@code at} is the offending byte, which Undertow has not seen; the
     * state is still the one before it.
     */
    private byte[] reject(ByteBuffer buffer, int at, Rejection problem) throws IOException {
        limits.rejected(problem);
        int before = state;
        boolean inBody = before >= FIXED || inTrailers;
        state = REJECTED;
        String completion;
        if (inBody) {
            if (headEnd < 0) {
                // the whole head went to Undertow in an earlier read; the app may be reading the body
                throw failBody(problem);
            }
            // the head ends in this read: mark it just before its closing empty line
            buffer.position(headEnd);
            completion = "";
        } else {
            buffer.position(at);
            completion = switch (before) {
                case LINE -> lineSpaces == 1 ? " HTTP/1.1\r\n" : null;
                case LINE_LF -> "\n";
                case FIELD_START -> "";
                case NAME -> ": -\r\n";
                case VALUE -> "\r\n";
                case VALUE_LF -> "\n";
                default -> null;
            };
        }
        if (completion == null) {
            // Undertow's parser is at a point no well-formed bytes can end: close without an answer
            throw failBody(problem);
        }
        String host = sawHost ? "" : "Host: localhost\r\n";
        String marker = RequestFraming.REJECTED + ": " + problem.status + "\r\n";
        return (completion + host + marker + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static long parseLength(String text) {
        if (text.isEmpty() || text.length() > 18) {
            return -1;
        }
        long length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            length = length * 10 + (c - '0');
        }
        return length;
    }

    /** RFC 9110 tchar, by byte value. */
    private static final boolean[] TOKEN = new boolean[256];

    static {
        for (char c = '!'; c < 0x7f; c++) {
            TOKEN[c] = "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
        }
    }

    private static boolean isTokenChar(byte b) {
        return TOKEN[b & 0xff];
    }

    /** The headers this reads. */
    private static final class Field {
        static final int OTHER = 0;
        static final int CONTENT_LENGTH = 1;
        static final int TRANSFER_ENCODING = 2;
        static final int HOST = 3;
        static final int UPGRADE = 4;

        static int of(byte[] name, int length) {
            return switch (length) {
                case 4 -> matches(name, "host") ? HOST : OTHER;
                case 7 -> matches(name, "upgrade") ? UPGRADE : OTHER;
                case 14 -> matches(name, "content-length") ? CONTENT_LENGTH : OTHER;
                case 17 -> matches(name, "transfer-encoding") ? TRANSFER_ENCODING : OTHER;
                default -> OTHER;
            };
        }

        private static boolean matches(byte[] name, String lowerCase) {
            for (int i = 0; i < lowerCase.length(); i++) {
                if ((name[i] | 0x20) != lowerCase.charAt(i)) {
                    return false;
                }
            }
            return true;
        }
    }
}
