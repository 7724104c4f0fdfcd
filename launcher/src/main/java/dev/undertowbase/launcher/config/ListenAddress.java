package dev.undertowbase.launcher.config;

/**
 * A listener address. {@code host} is kept as written, without IPv6 brackets.
 */
public record ListenAddress(String host, int port) {

    /** Parses "HOST:PORT", "[IPV6]:PORT" or ":PORT" (every IPv4 interface). */
    static ListenAddress parse(String text, Settings settings, String key) {
        String value = text.trim();
        String host;
        String port;
        if (value.startsWith("[")) {
            int end = value.indexOf("]:");
            if (end < 0) {
                throw notAnAddress(settings, key, text);
            }
            host = value.substring(1, end);
            port = value.substring(end + 2);
        } else {
            int colon = value.lastIndexOf(':');
            if (colon < 0 || value.indexOf(':') != colon) {
                throw notAnAddress(settings, key, text);
            }
            host = colon == 0 ? "0.0.0.0" : value.substring(0, colon);
            port = value.substring(colon + 1);
        }
        if (host.isEmpty()) {
            throw notAnAddress(settings, key, text);
        }
        return new ListenAddress(host, settings.port(key, port));
    }

    private static BadInput notAnAddress(Settings settings, String key, String text) {
        return settings.bad(key, text, "is not HOST:PORT (IPv6 as [::]:8080)");
    }

    /** "host:port", with brackets around an IPv6 host. */
    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
