package dev.undertowbase.launcher.server.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.undertowbase.launcher.testing.LocalServer;
import io.undertow.server.HttpHandler;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** README, Trusted proxies, through the server: what the app and the access log see. */
class ProxyHeadersTest {

    /** The client address, scheme, host, port and URL as the app sees them. */
    private static final HttpHandler ECHO = exchange -> exchange.getResponseSender().send(
        exchange.getSourceAddress().getAddress().getHostAddress() + " " + exchange.getRequestScheme() + " "
            + exchange.getHostName() + " " + exchange.getHostPort() + " " + exchange.getRequestURL());

    private static final String[] SPOOFED = {
        "X-Forwarded-For", "203.0.113.7",
        "X-Forwarded-Proto", "https",
        "X-Forwarded-Host", "shop.example",
        "X-Forwarded-Port", "8443",
    };

    @TempDir
    Path appDir;

    private LocalServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void fromAnUntrustedPeerSpoofedHeadersChangeNothing() {
        server = LocalServer.start(appDir, ECHO, "FORWARDED_ALLOW_IPS", "10.0.0.0/8");

        String seen = server.get("/where", SPOOFED).body();

        int port = server.port();
        assertEquals("127.0.0.1 http 127.0.0.1 " + port + " http://127.0.0.1:" + port + "/where", seen);
        assertTrue(server.accessLines(1).get(0).startsWith("127.0.0.1 - - ["), server.accessLog());
    }

    @Test
    void fromATrustedPeerTheHeadersNameClientSchemeAndHost() {
        server = LocalServer.start(appDir, ECHO);

        String seen = server.get("/where", SPOOFED).body();

        assertEquals("203.0.113.7 https shop.example 8443 https://shop.example:8443/where", seen);
    }

    @Test
    void theAccessLogShowsTheResolvedClient() {
        server = LocalServer.start(appDir, ECHO);

        server.get("/logged", "X-Forwarded-For", "203.0.113.7");

        List<String> lines = server.accessLines(1);
        assertTrue(lines.get(0).startsWith("203.0.113.7 - - ["), lines.get(0));
    }

    @Test
    void behindTwoProxiesTheClientIsTheRightmostUntrustedAddress() {
        // the peer (loopback) and the load balancer at 10.1.2.3 are trusted; 198.51.100.66 came from the client
        server = LocalServer.start(appDir, ECHO, "FORWARDED_ALLOW_IPS", "127.0.0.1, 10.1.0.0/16");

        String seen = server.get("/where", "X-Forwarded-For", "198.51.100.66, 203.0.113.7, 10.1.2.3",
            "X-Forwarded-Proto", "https").body();

        assertTrue(seen.startsWith("203.0.113.7 https "), seen);
    }

    @Test
    void forwardedIsReadWhenNoXForwardedHeaderIsThere() {
        server = LocalServer.start(appDir, ECHO);

        String seen = server.get("/where", "Forwarded", "for=\"[2001:db8::7]:4711\";proto=https;host=shop.example").body();

        assertEquals("2001:db8:0:0:0:0:0:7 https shop.example 443 https://shop.example/where", seen);
    }

    @Test
    void xForwardedHeadersWinOverForwarded() {
        server = LocalServer.start(appDir, ECHO);

        String seen = server.get("/where", "Forwarded", "for=198.51.100.66;proto=http",
            "X-Forwarded-For", "203.0.113.7", "X-Forwarded-Proto", "https").body();

        assertTrue(seen.startsWith("203.0.113.7 https "), seen);
    }

    @Test
    void anEmptyAllowListIgnoresEveryPeer() {
        server = LocalServer.start(appDir, ECHO, "FORWARDED_ALLOW_IPS", "");

        String seen = server.get("/where", SPOOFED).body();

        assertTrue(seen.startsWith("127.0.0.1 http 127.0.0.1 "), seen);
    }
}
