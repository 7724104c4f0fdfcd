package dev.undertowbase.launcher.server.handlers;

import dev.undertowbase.launcher.config.AddressRanges;
import dev.undertowbase.launcher.config.ProxySettings;
import dev.undertowbase.launcher.server.Feature;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.NetworkUtils;
import java.net.InetSocketAddress;

/**
 * FORWARDED_ALLOW_IPS (README, Trusted proxies): from a trusted peer, the forwarded headers set
 * the exchange's source address, scheme and Host, so everything after this handler (the access
 * log, the app building a redirect) sees the client; from any other peer they change nothing.
 * First in the chain for that reason.
 *
 * <p>Undertow's {@code ProxyPeerAddressHandler} and {@code ForwardedHandler} are not used: both
 * believe any peer, and both take the leftmost address of the chain, which whoever sends the
 * request can write. Here the client is the rightmost address that is not itself trusted
 * ({@link Forwarding}).
 *
 * <p>When a request has any X-Forwarded-* header, those are read and {@code Forwarded} is
 * ignored; otherwise {@code Forwarded} is. X-Forwarded-* is what load balancers and ingress
 * controllers set (Google's, AWS's, nginx, Envoy), so a {@code Forwarded} a client sends
 * through them cannot override what they wrote.
 */
public final class ProxyHeaders implements Feature {

    private final AddressRanges trusted;

    public ProxyHeaders(ProxySettings settings) {
        this.trusted = settings.trusted();
    }

    @Override
    public HttpHandler wrap(HttpHandler next) {
        return trusted.isEmpty() ? next : new Handler(next, trusted);
    }

    private static final class Handler implements HttpHandler {

        private final HttpHandler next;
        private final AddressRanges trusted;

        Handler(HttpHandler next, AddressRanges trusted) {
            this.next = next;
            this.trusted = trusted;
        }

        @Override
        public void handleRequest(HttpServerExchange exchange) throws Exception {
            HeaderMap headers = exchange.getRequestHeaders();
            HeaderValues forwardedFor = headers.get(Headers.X_FORWARDED_FOR);
            HeaderValues proto = headers.get(Headers.X_FORWARDED_PROTO);
            HeaderValues host = headers.get(Headers.X_FORWARDED_HOST);
            HeaderValues port = headers.get(Headers.X_FORWARDED_PORT);
            boolean xForwarded = forwardedFor != null || proto != null || host != null || port != null;
            HeaderValues forwarded = xForwarded ? null : headers.get(Headers.FORWARDED);
            if ((xForwarded || forwarded != null) && trusted.contains(exchange.getSourceAddress().getAddress())) {
                apply(exchange, xForwarded
                    ? Forwarding.ofXForwarded(forwardedFor, proto, host, port, trusted)
                    : Forwarding.ofForwarded(forwarded, trusted));
            }
            next.handleRequest(exchange);
        }

        private static void apply(HttpServerExchange exchange, Forwarding forwarding) {
            InetSocketAddress client = forwarding.client();
            if (client != null) {
                exchange.setSourceAddress(client);
            }
            if (forwarding.scheme() != null) {
                exchange.setRequestScheme(forwarding.scheme());
            }
            String host = forwarding.hostHeader(NetworkUtils.formatPossibleIpv6Address(exchange.getHostName()),
                exchange.getRequestScheme());
            if (host != null) {
                exchange.getRequestHeaders().put(Headers.HOST, host);
            }
        }
    }
}
