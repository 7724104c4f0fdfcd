package dev.undertowbase.launcher.config;

/**
 * The listener's address (README, Environment variables: HOST, PORT, BIND). With BIND set, both
 * parts come from it; otherwise each names its own variable, so an unknown host names HOST and a
 * port in use names PORT.
 */
public record ListenSettings(Sourced<String> host, Sourced<Integer> port) {

    static ListenSettings read(Settings s) {
        String bind = s.optionalString("bind");
        if (bind != null) {
            ListenAddress address = ListenAddress.parse(bind, s, "bind");
            return new ListenSettings(s.sourced("bind", address.host()), s.sourced("bind", address.port()));
        }
        return new ListenSettings(s.sourced("host", host(s)), s.sourced("port", s.port("port")));
    }

    public ListenAddress value() {
        return new ListenAddress(host.value(), port.value());
    }

    private static String host(Settings s) {
        String host = s.string("host").trim();
        if (host.isEmpty()) {
            throw s.bad("host", host, "is empty");
        }
        // "[::1]" is accepted as well as "::1"
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
