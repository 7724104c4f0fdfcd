package dev.undertowbase.launcher.server.handlers;

import dev.undertowbase.launcher.server.Feature;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.ServerConnection;
import io.undertow.server.protocol.http2.Http2UpgradeHandler;
import io.undertow.util.Protocols;
import io.undertow.util.StatusCodes;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.xnio.OptionMap;

/**
 * README, HTTP/2 and TLS: HTTP/2 beside HTTP/1.1, as {@code Undertow.builder()} sets it up with
 * ENABLE_HTTP2. With the option on, the HTTP/1.1 listener takes a connection that opens with the
 * HTTP/2 preface (h2c by prior knowledge, what Cloud Run's end-to-end HTTP/2 and gRPC clients
 * send) and TLS offers "h2" by ALPN; on a cleartext listener this feature's handler also answers
 * {@code Upgrade: h2c} with 101 and goes on in HTTP/2.
 *
 * <p>It must be the outermost feature: the requests of an upgraded connection enter the chain
 * at this handler's {@code next}, so whatever is in front of it would never see them.
 *
 * <p>A connection may have {@link #MAX_CONCURRENT_STREAMS} requests in flight, as the server's
 * SETTINGS frame says. Undertow 2.3 advertises the limit but lets a client open any number of
 * streams, each a request for the app; here a request beyond it is answered 503 at once.
 *
 * <p>The Rapid Reset (CVE-2023-44487) and MadeYouReset (CVE-2025-9784) protections are
 * Undertow's own: a connection that resets, or makes the server reset, more than
 * {@link #MAX_RESETS} streams within {@link #RESET_WINDOW_MILLIS} gets a GOAWAY
 * (ENHANCE_YOUR_CALM) and is closed. The values are Undertow 2.3's defaults, set here so that an
 * upgrade cannot change what the README states.
 */
public final class Http2 implements Feature {

    /** Streams a client may have open at once, advertised in the server's SETTINGS frame. */
    static final int MAX_CONCURRENT_STREAMS = 100;
    static final int MAX_RESETS = 200;
    static final int RESET_WINDOW_MILLIS = 30_000;

    private final boolean upgrade;

    /** @param cleartext true for an http:// listener, where h2c by Upgrade is offered (never over TLS, RFC 9113) */
    public Http2(boolean cleartext) {
        this.upgrade = cleartext;
    }

    @Override
    public HttpHandler wrap(HttpHandler next) {
        HttpHandler limited = new StreamLimit(next);
        return upgrade ? new Http2UpgradeHandler(limited) : limited;
    }

    @Override
    public void listenerOptions(OptionMap.Builder options) {
        options.set(UndertowOptions.ENABLE_HTTP2, true);
        options.set(UndertowOptions.HTTP2_SETTINGS_MAX_CONCURRENT_STREAMS, MAX_CONCURRENT_STREAMS);
        options.set(UndertowOptions.MAX_RST_FRAMES_PER_WINDOW, MAX_RESETS);
        options.set(UndertowOptions.RST_FRAMES_TIME_WINDOW, RESET_WINDOW_MILLIS);
    }

    /**
     * Counts the HTTP/2 requests in flight per connection. Undertow gives each stream its own
     * ServerConnection object, so a connection is known by its peer address (one TCP connection
     * per address and port), and its count is dropped when it closes.
     */
    private static final class StreamLimit implements HttpHandler {

        private final HttpHandler next;
        private final ConcurrentHashMap<SocketAddress, AtomicInteger> inFlight = new ConcurrentHashMap<>();

        StreamLimit(HttpHandler next) {
            this.next = next;
        }

        @Override
        public void handleRequest(HttpServerExchange exchange) throws Exception {
            if (!exchange.getProtocol().equals(Protocols.HTTP_2_0)) {
                next.handleRequest(exchange);
                return;
            }
            AtomicInteger count = count(exchange.getConnection());
            if (count.incrementAndGet() > MAX_CONCURRENT_STREAMS) {
                count.decrementAndGet();
                exchange.setStatusCode(StatusCodes.SERVICE_UNAVAILABLE);
                exchange.endExchange();
                return;
            }
            exchange.addExchangeCompleteListener((completed, nextListener) -> {
                count.decrementAndGet();
                nextListener.proceed();
            });
            next.handleRequest(exchange);
        }

        private AtomicInteger count(ServerConnection connection) {
            SocketAddress peer = connection.getPeerAddress();
            AtomicInteger count = inFlight.get(peer);
            if (count == null) {
                AtomicInteger created = new AtomicInteger();
                count = inFlight.putIfAbsent(peer, created);
                if (count == null) {
                    count = created;
                    // once per connection: Undertow runs it when the HTTP/2 connection closes
                    connection.addCloseListener(closed -> inFlight.remove(peer, created));
                }
            }
            return count;
        }
    }
}
