package dev.undertowbase.launcher.config;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * A set of IP addresses: single IPv4/IPv6 addresses and CIDR ranges, or every address ("*").
 * Parsed once from FORWARDED_ALLOW_IPS (README, Trusted proxies); {@link #contains} is then a few
 * integer comparisons per range, on every request from a proxy.
 */
public final class AddressRanges {

    private static final AddressRanges EVERY = new AddressRanges(List.of(), true);

    private final List<Range> ranges;
    private final boolean every;

    private AddressRanges(List<Range> ranges, boolean every) {
        this.ranges = List.copyOf(ranges);
        this.every = every;
    }

    /**
     * "127.0.0.1,::1", "10.0.0.0/8, fd00::/8", "*"; blank entries are skipped, so "" is the empty
     * set. Throws IllegalArgumentException with the problem (naming the bad entry) otherwise.
     */
    static AddressRanges parse(String text) {
        List<Range> ranges = new ArrayList<>();
        for (String raw : text.split(",", -1)) {
            String entry = raw.trim();
            if (entry.equals("*")) {
                return EVERY;
            }
            if (!entry.isEmpty()) {
                ranges.add(Range.parse(entry));
            }
        }
        return new AddressRanges(ranges, false);
    }

    public boolean contains(InetAddress address) {
        if (every) {
            return true;
        }
        byte[] bytes = address.getAddress();
        for (Range range : ranges) {
            if (range.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    /** True when no address is in the set: forwarded headers are never applied. */
    public boolean isEmpty() {
        return !every && ranges.isEmpty();
    }

    /**
     * An IP address literal, or null when {@code text} is anything else; never a DNS lookup, so it
     * is safe on values a client wrote. IPv4 is four decimal octets (no shorthand, no leading
     * zeros); IPv6 as RFC 4291 writes it, without brackets or zone; an IPv4-mapped IPv6 address
     * comes back as the IPv4 address, as the JDK reports peers.
     */
    public static InetAddress literal(String text) {
        if (text.isEmpty() || text.length() > 45) {
            return null;
        }
        byte[] ipv4 = ipv4(text);
        if (ipv4 != null) {
            return address(ipv4);
        }
        if (text.indexOf(':') < 0) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ':' && c != '.' && Character.digit(c, 16) < 0) {
                return null;
            }
        }
        try {
            // In brackets the JDK parses an IPv6 literal or fails; it never resolves a name.
            return InetAddress.getByName("[" + text + "]");
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static byte[] ipv4(String text) {
        byte[] bytes = new byte[4];
        int octet = 0;
        int value = -1;
        int digits = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                if (digits > 0 && value == 0) {
                    return null; // leading zero: some parsers read it as octal
                }
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                digits++;
                if (value > 255) {
                    return null;
                }
            } else if (c == '.' && digits > 0 && octet < 4) {
                bytes[octet++] = (byte) value;
                value = -1;
                digits = 0;
            } else {
                return null;
            }
        }
        return octet == 4 ? bytes : null;
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }

    /** The first {@code bits} bits of {@code network}; an address of the other family never matches. */
    private record Range(byte[] network, int bits) {

        static Range parse(String entry) {
            int slash = entry.indexOf('/');
            String host = slash < 0 ? entry : entry.substring(0, slash);
            InetAddress address = literal(host);
            if (address == null) {
                throw new IllegalArgumentException("\"" + entry + "\" is not an IP address or CIDR range"
                    + " (e.g. 10.0.0.0/8, fd00::/8, or * for every address)");
            }
            byte[] network = address.getAddress();
            // ::ffff:10.0.0.0/104 is 10.0.0.0/8: the JDK gives IPv4-mapped addresses as IPv4
            boolean mapped = network.length == 4 && host.indexOf(':') >= 0;
            int max = network.length * 8;
            int bits = max;
            if (slash >= 0) {
                String prefix = entry.substring(slash + 1);
                bits = prefix.matches("\\d{1,3}") ? Integer.parseInt(prefix) : -1;
                int low = mapped ? 96 : 0;
                int high = mapped ? 128 : max;
                if (bits < low || bits > high) {
                    throw new IllegalArgumentException("\"" + entry + "\" has a prefix length outside " + low + "-" + high);
                }
                bits -= low;
            }
            for (int bit = bits; bit < max; bit++) {
                if ((network[bit / 8] & (0x80 >> (bit % 8))) != 0) {
                    throw new IllegalArgumentException("\"" + entry + "\" has bits set after the prefix (the range is "
                        + address(mask(network, bits)).getHostAddress() + "/" + bits + ")");
                }
            }
            return new Range(network, bits);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest);
            return ((address[whole] ^ network[whole]) & mask & 0xff) == 0;
        }

        private static byte[] mask(byte[] network, int bits) {
            byte[] masked = network.clone();
            for (int bit = bits; bit < masked.length * 8; bit++) {
                masked[bit / 8] &= (byte) ~(0x80 >> (bit % 8));
            }
            return masked;
        }
    }
}
