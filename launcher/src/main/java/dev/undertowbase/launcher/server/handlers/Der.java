package dev.undertowbase.launcher.server.handlers;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The little DER (ASN.1) a PEM key needs: reading the fields of a PKCS#8 or SEC1 structure and
 * writing a PKCS#8 wrapper around a PKCS#1 or SEC1 key, which the JDK's KeyFactory reads only in
 * PKCS#8 form (before JDK 25's preview PEM API).
 */
final class Der {

    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;
    static final int SEQUENCE = 0x30;
    /** [0], constructed: SEC1's curve parameters. */
    static final int CONTEXT_0 = 0xa0;

    private Der() {
    }

    /** A malformed or unexpected structure. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    /** One tag-length-value; {@code end} is the offset just after it. */
    record Field(int tag, byte[] source, int start, int length) {

        int end() {
            return start + length;
        }

        byte[] content() {
            return Arrays.copyOfRange(source, start, end());
        }

        /** The fields inside a constructed field (a SEQUENCE or a context-tagged one). */
        Reader contents() {
            return new Reader(source, start, end());
        }
    }

    /** Reads fields one after another within {@code [offset, end)}. */
    static final class Reader {
        private final byte[] source;
        private int offset;
        private final int end;

        Reader(byte[] source) {
            this(source, 0, source.length);
        }

        private Reader(byte[] source, int offset, int end) {
            this.source = source;
            this.offset = offset;
            this.end = end;
        }

        boolean hasMore() {
            return offset < end;
        }

        /** The next field, which must have {@code tag}. */
        Field next(int tag) throws Malformed {
            Field field = next();
            if (field.tag() != tag) {
                throw new Malformed(String.format("expected DER tag 0x%02x, found 0x%02x", tag, field.tag()));
            }
            return field;
        }

        Field next() throws Malformed {
            if (end - offset < 2) {
                throw new Malformed("truncated DER");
            }
            int tag = source[offset] & 0xff;
            int length = source[offset + 1] & 0xff;
            int start = offset + 2;
            if (length > 0x7f) {
                int bytes = length & 0x7f;
                if (bytes == 0 || bytes > 3 || end - start < bytes) {
                    throw new Malformed("bad DER length");
                }
                length = 0;
                for (int i = 0; i < bytes; i++) {
                    length = (length << 8) | (source[start++] & 0xff);
                }
            }
            if (length > end - start) {
                throw new Malformed("truncated DER");
            }
            offset = start + length;
            return new Field(tag, source, start, length);
        }
    }

    /** Encodes one field from its content. */
    static byte[] field(int tag, byte[]... contents) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] part : contents) {
            content.writeBytes(part);
        }
        int length = content.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 6);
        out.write(tag);
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = length < 0x100 ? 1 : length < 0x10000 ? 2 : 3;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(content.toByteArray());
        return out.toByteArray();
    }

    /** An OBJECT IDENTIFIER's dotted form, e.g. 1.2.840.10045.2.1. */
    static String oid(Field field) throws Malformed {
        byte[] bytes = field.content();
        if (bytes.length == 0) {
            throw new Malformed("empty object identifier");
        }
        StringBuilder text = new StringBuilder();
        long value = 0;
        boolean first = true;
        for (byte b : bytes) {
            value = (value << 7) | (b & 0x7f);
            if ((b & 0x80) == 0) {
                if (first) {
                    int arc = value < 80 ? (int) (value / 40) : 2;
                    text.append(arc).append('.').append(value - 40L * arc);
                    first = false;
                } else {
                    text.append('.').append(value);
                }
                value = 0;
            }
        }
        return text.toString();
    }
}
