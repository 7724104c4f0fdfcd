package dev.undertowbase.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.undertowbase.launcher.testing.Poll;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;

/**
 * README, Trusted proxies: forwarded headers from a trusted peer name the client, scheme and host
 * the app and the access log see; from an untrusted peer they change nothing. The tests reach the
 * container through Docker's port mapping, so the peer is Docker's bridge gateway (a private
 * address), never the default's 127.0.0.1.
 */
@EveryTag
class TrustedProxiesIT {

    /** Docker's bridge networks, where the peer of a mapped port comes from. */
    private static final String PRIVATE_RANGES = "10.0.0.0/8,172.16.0.0/12,192.168.0.0/16";

    @Parameter
    String tag;

    @Test
    void spoofedForwardedHeadersFromAnUntrustedPeerChangeNothing() {
        try (Server server = start(null)) {
            String seen = server.get("/where?from=spoof", "X-Forwarded-For", "203.0.113.7", "X-Forwarded-Proto", "https",
                    "X-Forwarded-Host", "shop.example", "Forwarded", "for=198.51.100.1;proto=https").body();

            String peer = seen.split(" ")[0];
            assertNotEquals("203.0.113.7", peer, seen);
            assertTrue(seen.startsWith(peer + " http http://localhost:"), seen);
            assertTrue(accessLine(server, "/where?from=spoof").startsWith(peer + " - - ["), server::logs);
        }
    }

    @Test
    void behindTwoProxiesTheClientIsTheRightmostUntrustedAddress() {
        // the peer and the proxy at 10.1.2.3 are trusted; 198.51.100.66 is what the client wrote itself
        try (Server server = start(PRIVATE_RANGES)) {
            String seen = server.get("/where?from=two-proxies", "X-Forwarded-For", "198.51.100.66, 203.0.113.7, 10.1.2.3",
                    "X-Forwarded-Proto", "https", "X-Forwarded-Host", "shop.example").body();

            assertEquals("203.0.113.7 https https://shop.example/where", seen);
            assertTrue(accessLine(server, "/where?from=two-proxies").startsWith("203.0.113.7 - - ["), server::logs);
            assertEquals(PRIVATE_RANGES, server.config().get("forwarded_allow_ips").asText());
        }
    }

    @Test
    void everyPeerTrustedReadsForwarded() {
        try (Server server = start("*")) {
            String seen = server.get("/where", "Forwarded", "for=\"[2001:db8::7]:4711\";proto=https;host=shop.example")
                    .body();

            assertEquals("2001:db8:0:0:0:0:0:7 https https://shop.example/where", seen);
        }
    }

    private Server start(String allowIps) {
        ImageRun run = ImageRun.of(tag).app(TestApps.jarApp(LogApps.APP));
        if (allowIps != null) {
            run.env("FORWARDED_ALLOW_IPS", allowIps);
        }
        return run.start();
    }

    /** The combined line of the request, once it is written. */
    private static String accessLine(Server server, String target) {
        String request = "\"GET " + target + " HTTP/1.1\"";
        return Poll.until(Duration.ofSeconds(10), () -> "the access line of " + target + "; " + server.logs(),
                () -> server.stdout().lines().filter(line -> line.contains(request)).findFirst());
    }
}
