package dev.undertowbase.launcher.config;

/**
 * What the listener speaks (README, HTTP/2: HTTP2).
 *
 * @param http2 HTTP/2 besides HTTP/1.1: h2c on the cleartext listener
 */
public record ProtocolSettings(boolean http2) {

    static ProtocolSettings read(Settings s) {
        return new ProtocolSettings(s.bool("http2"));
    }
}
