package dev.undertowbase.launcher.server.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.undertowbase.launcher.config.AddressRanges;
import dev.undertowbase.launcher.testing.TestEnv;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** README, Trusted proxies: which hop of the forwarded chain is the client, and what it asked for. */
class ForwardingTest {

    /** An ingress at 10.0.0.5 behind a load balancer at 10.1.0.0/16: two trusted proxies. */
    private static final AddressRanges TWO_PROXIES = ranges("10.0.0.5, 10.1.0.0/16");

    @TempDir
    Path appDir;

    @ParameterizedTest(name = "X-Forwarded-For: {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
        203.0.113.7                                | 203.0.113.7
        203.0.113.7, 10.1.2.3                      | 203.0.113.7
        198.51.100.66, 203.0.113.7, 10.1.2.3       | 203.0.113.7
        10.1.9.9, 10.1.2.3                         | 10.1.9.9
        203.0.113.7:4711                           | 203.0.113.7
        2001:db8::7, 10.1.2.3                      | 2001:db8:0:0:0:0:0:7
        '[2001:db8::7]:4711, 10.1.2.3'             | 2001:db8:0:0:0:0:0:7
        """)
    void theClientIsTheRightmostAddressThatIsNotAProxy(String chain, String client) {
        Forwarding forwarding = xForwarded(TWO_PROXIES, List.of(chain), null, null, null);

        assertEquals(client, forwarding.client().getAddress().getHostAddress());
    }

    @Test
    void addressesSpreadOverSeveralHeaderLinesFormOneChain() {
        Forwarding forwarding = xForwarded(TWO_PROXIES, List.of("198.51.100.66", "203.0.113.7, 10.1.2.3"), null, null, null);

        assertEquals("203.0.113.7", forwarding.client().getAddress().getHostAddress());
    }

    @Test
    void aHopThatIsNoAddressEndsTheWalkAndKeepsThePeer() {
        Forwarding forwarding = xForwarded(TWO_PROXIES, List.of("203.0.113.7, unknown, 10.1.2.3"), null, null, null);

        assertNull(forwarding.client());
    }

    @Test
    void withEveryAddressTrustedTheLeftmostIsTheClient() {
        Forwarding forwarding = xForwarded(ranges("*"), List.of("203.0.113.7, 198.51.100.1"), null, null, null);

        assertEquals("203.0.113.7", forwarding.client().getAddress().getHostAddress());
    }

    @ParameterizedTest(name = "X-Forwarded-Proto: {1} with X-Forwarded-For: {0} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
        203.0.113.7, 10.1.2.3 | https, http | https
        203.0.113.7, 10.1.2.3 | http        | http
        ''                    | HTTPS       | https
        ''                    | ftp         |
        """)
    void theSchemeIsTheClientHopsOrTheNearestProxys(String chain, String proto, String scheme) {
        Forwarding forwarding = xForwarded(TWO_PROXIES, chain.isEmpty() ? List.of() : List.of(chain), proto, null, null);

        assertEquals(scheme, forwarding.scheme());
    }

    @ParameterizedTest(name = "X-Forwarded-Host: {0}, -Port: {1}, scheme {2} -> Host: {3}")
    @CsvSource(delimiter = '|', textBlock = """
        example.com      |      | https | example.com
        example.com:8443 |      | https | example.com:8443
        example.com      | 8443 | https | example.com:8443
        example.com      | 443  | https | example.com
        example.com:9000 | 443  | https | example.com:9000
                         | 8443 | https | internal:8443
                         | 80   | http  | internal
        '[2001:db8::1]'  |      | http  | [2001:db8::1]
        'bad host'       |      | http  |
        example.com:0    |      | http  |
                         | 99999| http  |
        """)
    void theHostAndPortTheClientUsed(String host, String port, String scheme, String expected) {
        Forwarding forwarding = xForwarded(TWO_PROXIES, List.of(), null, host, port);

        assertEquals(expected, forwarding.hostHeader("internal", scheme));
    }

    @ParameterizedTest(name = "Forwarded: {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
        for=203.0.113.7                                           | 203.0.113.7
        'for=198.51.100.66, for=203.0.113.7, for=10.1.2.3'        | 203.0.113.7
        'for="[2001:db8::7]:4711";proto=https, for=10.1.2.3'      | 2001:db8:0:0:0:0:0:7
        'For=203.0.113.7 ; Proto=https ,for=10.1.2.3'             | 203.0.113.7
        """)
    void forwardedFollowsTheSameRule(String header, String client) {
        Forwarding forwarding = Forwarding.ofForwarded(List.of(header), TWO_PROXIES);

        assertEquals(client, forwarding.client().getAddress().getHostAddress());
    }

    @Test
    void forwardedTakesSchemeAndHostFromTheClientsHop() {
        Forwarding forwarding = Forwarding.ofForwarded(
            List.of("for=198.51.100.66;proto=http;host=evil.example", "for=203.0.113.7;proto=https;host=\"shop.example\"",
                "for=10.1.2.3;proto=http;host=internal"), TWO_PROXIES);

        assertEquals("203.0.113.7", forwarding.client().getAddress().getHostAddress());
        assertEquals("https", forwarding.scheme());
        assertEquals("shop.example", forwarding.hostHeader("internal", "https"));
    }

    @ParameterizedTest(name = "Forwarded: {0}")
    @CsvSource(delimiter = '|', textBlock = """
        'for="203.0.113.7'
        for
        for=203.0.113.7;for=198.51.100.1
        for=203.0.113.7 junk
        """)
    void aForwardedHeaderThatDoesNotParseChangesNothing(String header) {
        Forwarding forwarding = Forwarding.ofForwarded(List.of(header), TWO_PROXIES);

        assertNull(forwarding.client());
        assertNull(forwarding.scheme());
        assertNull(forwarding.hostHeader("internal", "http"));
    }

    @Test
    void theDefaultTrustsOnlyLoopback() {
        AddressRanges trusted = TestEnv.load(appDir).proxies().trusted();

        Forwarding forwarding = xForwarded(trusted, List.of("203.0.113.7, 10.1.2.3"), null, null, null);

        assertEquals("10.1.2.3", forwarding.client().getAddress().getHostAddress());
    }

    private static Forwarding xForwarded(AddressRanges trusted, List<String> forwardedFor, String proto, String host,
                                         String port) {
        return Forwarding.ofXForwarded(forwardedFor, lines(proto), lines(host), lines(port), trusted);
    }

    private static List<String> lines(String value) {
        return value == null ? null : Arrays.asList(value);
    }

    /** The setting read as the launcher reads it. */
    private static AddressRanges ranges(String setting) {
        return TestEnv.load(TestEnv.NO_APP_DIR, "FORWARDED_ALLOW_IPS", setting).proxies().trusted();
    }
}
