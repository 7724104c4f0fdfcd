package dev.undertowbase.launcher.server.handlers;

import dev.undertowbase.launcher.config.AddressRanges;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the proxies in front of a trusted peer say about the client (README, Trusted proxies):
 * the client's address, the scheme and the Host it used. Null when a header says nothing usable.
 *
 * <p>Each proxy appends the address it received the request from, so the chain reads
 * client, proxy 1, ..., proxy n-1, and the peer is proxy n. Walking from the right, every address
 * that is itself trusted is a proxy; the first one that is not is the client, and everything to
 * its left was written by the client (or by proxies nobody trusts) and is ignored. When every
 * address is trusted the leftmost is the client. The scheme and Host come from the same hop: the
 * proxy that faced the client.
 *
 * @param client the client's address (port 0 when no proxy said), or null to keep the peer
 * @param scheme "http" or "https", or null
 * @param host   the Host the client asked for ("example.com", "example.com:8443"), or null
 * @param port   the port the client connected to, or -1 when only {@code host} may say
 */
record Forwarding(InetSocketAddress client, String scheme, String host, int port) {

    private static final Forwarding NOTHING = new Forwarding(null, null, null, -1);

    /** A Host value: a name, IPv4 address or [IPv6] address, and an optional port. */
    private static final Pattern HOST = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._~!$&'()*+;=%-]+)(:\\d{1,5})?");

    /**
     * From the X-Forwarded-For, -Proto, -Host and -Port header lines. A proto, host or port list as
     * long as the address chain is read at the client's hop; any other length at its last entry,
     * the one the nearest proxy wrote.
     */
    static Forwarding ofXForwarded(List<String> forwardedFor, List<String> proto, List<String> host,
                                   List<String> port, AddressRanges trusted) {
        List<String> hops = entries(forwardedFor);
        int client = clientHop(hops, trusted);
        return new Forwarding(
            client < 0 ? null : address(hops.get(client)),
            scheme(hopValue(entries(proto), hops.size(), client)),
            host(hopValue(entries(host), hops.size(), client)),
            port(hopValue(entries(port), hops.size(), client)));
    }

    /** From the RFC 7239 {@code Forwarded} header lines; nothing when they do not parse. */
    static Forwarding ofForwarded(List<String> lines, AddressRanges trusted) {
        List<Element> elements = new ArrayList<>();
        for (String line : lines) {
            if (!Element.parseAll(line, elements)) {
                return NOTHING;
            }
        }
        List<String> hops = new ArrayList<>(elements.size());
        for (Element element : elements) {
            hops.add(element.forValue() == null ? "" : element.forValue());
        }
        int client = clientHop(hops, trusted);
        if (client < 0) {
            return NOTHING;
        }
        Element hop = elements.get(client);
        return new Forwarding(address(hops.get(client)), scheme(hop.proto()), host(hop.host()), -1);
    }

    /** The index of the client in the chain: the rightmost hop that is not a trusted address; -1 for no chain. */
    static int clientHop(List<String> hops, AddressRanges trusted) {
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetSocketAddress hop = address(hops.get(i));
            if (hop == null || !trusted.contains(hop.getAddress())) {
                return i;
            }
        }
        return hops.isEmpty() ? -1 : 0;
    }

    /**
     * "192.0.2.1", "192.0.2.1:4711", "2001:db8::1", "[2001:db8::1]:4711"; null for anything else
     * ("unknown", an obfuscated "_name", a host name: no lookups).
     */
    static InetSocketAddress address(String hop) {
        String ip = hop;
        int port = 0;
        if (hop.startsWith("[")) {
            int close = hop.indexOf(']');
            if (close < 0) {
                return null;
            }
            ip = hop.substring(1, close);
            String rest = hop.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":") || (port = port(rest.substring(1))) < 0) {
                    return null;
                }
            }
        } else {
            int colon = hop.indexOf(':');
            if (colon >= 0 && colon == hop.lastIndexOf(':')) {
                ip = hop.substring(0, colon);
                if ((port = port(hop.substring(colon + 1))) < 0) {
                    return null;
                }
            }
        }
        InetAddress address = AddressRanges.literal(ip);
        return address == null ? null : new InetSocketAddress(address, port);
    }

    private static String hopValue(List<String> values, int hops, int client) {
        if (values.isEmpty()) {
            return null;
        }
        return values.size() == hops && client >= 0 ? values.get(client) : values.get(values.size() - 1);
    }

    private static String scheme(String value) {
        if (value == null) {
            return null;
        }
        String scheme = value.toLowerCase(Locale.ROOT);
        return scheme.equals("http") || scheme.equals("https") ? scheme : null;
    }

    private static String host(String value) {
        if (value == null) {
            return null;
        }
        Matcher host = HOST.matcher(value);
        return host.matches() && (host.group(2) == null || port(host.group(2).substring(1)) > 0) ? value : null;
    }

    /**
     * The Host header to set, or null to keep the request's: the forwarded host, with the
     * forwarded port when the host names none (left out when it is the scheme's default).
     *
     * @param requestHost the request's own host name, IPv6 in brackets, without a port
     * @param scheme      the request's scheme once the forwarded one is applied
     */
    String hostHeader(String requestHost, String scheme) {
        if (port < 0 || (host != null && namesPort(host))) {
            return host;
        }
        String name = host != null ? host : requestHost;
        boolean standard = (port == 80 && "http".equals(scheme)) || (port == 443 && "https".equals(scheme));
        return standard ? name : name + ":" + port;
    }

    private static boolean namesPort(String host) {
        Matcher matcher = HOST.matcher(host);
        return matcher.matches() && matcher.group(2) != null;
    }

    /** A port number 1-65535; -1 for anything else. */
    private static int port(String value) {
        if (value == null || value.isEmpty() || value.length() > 5) {
            return -1;
        }
        int port = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            port = port * 10 + (c - '0');
        }
        return port >= 1 && port <= 65535 ? port : -1;
    }

    /** The comma-separated entries of every header line, in order, trimmed, blanks dropped. */
    private static List<String> entries(List<String> lines) {
        if (lines == null || lines.isEmpty()) {
            return List.of();
        }
        List<String> entries = new ArrayList<>();
        for (String line : lines) {
            int start = 0;
            for (int comma = line.indexOf(','); ; comma = line.indexOf(',', start)) {
                String entry = (comma < 0 ? line.substring(start) : line.substring(start, comma)).trim();
                if (!entry.isEmpty()) {
                    entries.add(entry);
                }
                if (comma < 0) {
                    break;
                }
                start = comma + 1;
            }
        }
        return entries;
    }

    /** One forwarded-element of RFC 7239: the parameters a proxy wrote (null when absent). */
    record Element(String forValue, String proto, String host) {

        /**
         * Parses a header line ({@code for=192.0.2.60;proto=http, for="[2001:db8::1]:4711"}) and
         * adds its elements; false when the line breaks the grammar (an unterminated quote, a
         * parameter without "=", one named twice in an element).
         */
        static boolean parseAll(String line, List<Element> into) {
            int i = 0;
            int n = line.length();
            String forValue = null;
            String proto = null;
            String host = null;
            boolean any = false;
            while (true) {
                i = skipSpace(line, i);
                if (i < n && line.charAt(i) != ',' && line.charAt(i) != ';') {
                    int nameStart = i;
                    while (i < n && line.charAt(i) != '=' && line.charAt(i) != ';' && line.charAt(i) != ','
                        && !Character.isWhitespace(line.charAt(i))) {
                        i++;
                    }
                    if (i >= n || line.charAt(i) != '=' || i == nameStart) {
                        return false;
                    }
                    String name = line.substring(nameStart, i).toLowerCase(Locale.ROOT);
                    i++;
                    String value;
                    if (i < n && line.charAt(i) == '"') {
                        StringBuilder quoted = new StringBuilder();
                        i++;
                        while (i < n && line.charAt(i) != '"') {
                            if (line.charAt(i) == '\\' && i + 1 < n) {
                                i++;
                            }
                            quoted.append(line.charAt(i++));
                        }
                        if (i >= n) {
                            return false;
                        }
                        i++;
                        value = quoted.toString();
                    } else {
                        int valueStart = i;
                        while (i < n && line.charAt(i) != ';' && line.charAt(i) != ','
                            && !Character.isWhitespace(line.charAt(i))) {
                            i++;
                        }
                        value = line.substring(valueStart, i);
                    }
                    switch (name) {
                        case "for" -> {
                            if (forValue != null) {
                                return false;
                            }
                            forValue = value;
                        }
                        case "proto" -> {
                            if (proto != null) {
                                return false;
                            }
                            proto = value;
                        }
                        case "host" -> {
                            if (host != null) {
                                return false;
                            }
                            host = value;
                        }
                        default -> {
                            // "by" and extensions say nothing about the client
                        }
                    }
                    any = true;
                    i = skipSpace(line, i);
                }
                if (i >= n || line.charAt(i) == ',') {
                    if (any) {
                        into.add(new Element(forValue, proto, host));
                    }
                    if (i >= n) {
                        return true;
                    }
                    forValue = null;
                    proto = null;
                    host = null;
                    any = false;
                } else if (line.charAt(i) != ';') {
                    return false;
                }
                i++;
            }
        }

        private static int skipSpace(String line, int i) {
            while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                i++;
            }
            return i;
        }
    }
}
