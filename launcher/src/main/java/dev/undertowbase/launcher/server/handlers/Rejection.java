package dev.undertowbase.launcher.server.handlers;

/** Why {@link FramingConduit} stopped a request, and the status it is answered with. */
enum Rejection {
    LINE_TOO_LONG(414, "request line longer than MAX_HEADER_SIZE"),
    HEAD_TOO_LARGE(431, "request head larger than MAX_HEADER_SIZE"),
    TOO_MANY_FIELDS(431, "more header fields than MAX_HEADERS"),
    LINE_FOLDING(400, "obsolete line folding in the head"),
    BARE_LF(400, "a line ending in LF without CR"),
    MALFORMED_HEAD(400, "a malformed request head"),
    TRANSFER_ENCODING(400, "a Transfer-Encoding other than chunked"),
    LENGTH_AND_ENCODING(400, "both Content-Length and Transfer-Encoding"),
    CONTENT_LENGTH(400, "a malformed or repeated Content-Length"),
    MALFORMED_BODY(400, "malformed chunked framing");

    final int status;
    final String reason;

    Rejection(int status, String reason) {
        this.status = status;
        this.reason = reason;
    }
}
