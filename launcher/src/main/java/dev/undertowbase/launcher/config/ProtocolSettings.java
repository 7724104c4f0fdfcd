package dev.undertowbase.launcher.config;

import java.nio.file.Path;

/**
 * What the listener speaks (README, HTTP/2 and TLS: HTTP2, TLS_CERT_FILE, TLS_KEY_FILE).
 *
 * @param http2    HTTP/2 besides HTTP/1.1: h2c on a cleartext listener, ALPN "h2" with TLS
 * @param certFile the PEM certificate (chain) file; null for a cleartext listener
 * @param keyFile  the PEM private key file; null exactly when {@code certFile} is
 */
public record ProtocolSettings(boolean http2, Sourced<Path> certFile, Sourced<Path> keyFile) {

    static ProtocolSettings read(Settings s) {
        boolean http2 = s.bool("http2");
        String cert = s.optionalString("tls-cert-file");
        String key = s.optionalString("tls-key-file");
        if (cert == null && key == null) {
            return new ProtocolSettings(http2, null, null);
        }
        if (key == null) {
            throw s.bad("tls-cert-file", cert, "needs TLS_KEY_FILE (server.tls-key-file) too: set both or neither");
        }
        if (cert == null) {
            throw s.bad("tls-key-file", key, "needs TLS_CERT_FILE (server.tls-cert-file) too: set both or neither");
        }
        return new ProtocolSettings(http2, s.sourced("tls-cert-file", Path.of(cert)), s.sourced("tls-key-file", Path.of(key)));
    }

    /** True when the listener is HTTPS. */
    public boolean tls() {
        return certFile != null;
    }
}
