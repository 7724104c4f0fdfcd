package dev.undertowbase.launcher.config;

/** The listener's address (README, Environment variables: HOST, PORT, BIND), with the variable that set it. */
public record ListenSettings(Sourced<ListenAddress> address) {

    static ListenSettings read(Settings s) {
        String bind = s.optionalString("bind");
        if (bind != null) {
            return new ListenSettings(new Sourced<>(ListenAddress.parse(bind, s, "bind"), s.source("bind")));
        }
        return new ListenSettings(new Sourced<>(new ListenAddress(host(s), s.port("port")), s.source("port")));
    }

    public ListenAddress value() {
        return address.value();
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
