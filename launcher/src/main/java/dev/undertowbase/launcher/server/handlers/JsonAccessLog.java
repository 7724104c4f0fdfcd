package dev.undertowbase.launcher.server.handlers;

import dev.undertowbase.launcher.logging.JsonLine;
import io.undertow.server.ExchangeCompletionListener;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.accesslog.AccessLogReceiver;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;

/**
 * The access log's JSON lines (README, Structured logs): a LogEntry for Cloud Logging with the
 * request in {@code httpRequest}, its trace ids, and a severity by status (5xx ERROR, 4xx
 * WARNING, else INFO, as Cloud Run's own request log). Written when the exchange completes, to
 * the same batching writer as the text lines.
 */
final class JsonAccessLog implements HttpHandler, ExchangeCompletionListener {

    static final String LOGGER = "access-log";

    private final HttpHandler next;
    private final AccessLogReceiver receiver;
    private final String project;

    private JsonAccessLog(HttpHandler next, AccessLogReceiver receiver, String project) {
        this.next = next;
        this.receiver = receiver;
        this.project = project;
    }

    /** Returns the interface, so that the text format never loads this class (nor Jackson). */
    static HttpHandler handler(HttpHandler next, AccessLogReceiver receiver, String googleCloudProject) {
        return new JsonAccessLog(next, receiver, googleCloudProject);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        exchange.addExchangeCompleteListener(this);
        next.handleRequest(exchange);
    }

    @Override
    public void exchangeEvent(HttpServerExchange exchange, NextListener nextListener) {
        try {
            receiver.logMessage(line(exchange, System.currentTimeMillis(), System.nanoTime()));
        } finally {
            nextListener.proceed();
        }
    }

    String line(HttpServerExchange exchange, long nowMillis, long nowNanos) {
        int status = exchange.getStatusCode();
        String method = exchange.getRequestMethod().toString();
        String query = exchange.getQueryString();
        String target = query.isEmpty() ? exchange.getRequestURI() : exchange.getRequestURI() + '?' + query;
        String protocol = exchange.getProtocol().toString();
        HeaderMap headers = exchange.getRequestHeaders();
        String url = exchange.isHostIncludedInRequestURI() ? target
            : exchange.getRequestScheme() + "://" + exchange.getHostAndPort() + target;
        TraceContext trace = exchange.getAttachment(TraceContext.KEY);
        return JsonLine.start(nowMillis, severity(status), method + ' ' + target + ' ' + protocol + ' ' + status,
                LOGGER, Thread.currentThread().getName())
            .startObject("httpRequest")
            .string("requestMethod", method)
            .string("requestUrl", url)
            .number("status", status)
            // int64 fields are strings in LogEntry's JSON form; the request's is its Content-Length
            .string("requestSize", size(exchange.getRequestContentLength()))
            .string("responseSize", Long.toString(exchange.getResponseBytesSent()))
            .string("userAgent", headers.getFirst(Headers.USER_AGENT))
            .string("remoteIp", ip(exchange.getSourceAddress()))
            .string("referer", headers.getFirst(Headers.REFERER))
            .string("latency", latency(exchange.getRequestStartTime(), nowNanos))
            .string("protocol", protocol)
            .endObject()
            .trace(trace == null ? null : trace.traceId(), trace == null ? null : trace.spanId(), project)
            .finish();
    }

    private static String size(long bytes) {
        return bytes < 0 ? null : Long.toString(bytes);
    }

    static String severity(int status) {
        return status >= 500 ? "ERROR" : status >= 400 ? "WARNING" : "INFO";
    }

    private static String ip(InetSocketAddress address) {
        if (address == null) {
            return null;
        }
        return address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
    }

    /** "0.012345s": a Duration in its JSON form, to the microsecond; null when the start time was not recorded. */
    static String latency(long startNanos, long nowNanos) {
        if (startNanos == -1) {
            return null;
        }
        long micros = Math.max(0, (nowNanos - startNanos) / 1000);
        String fraction = Long.toString(1_000_000 + micros % 1_000_000).substring(1);
        return (micros / 1_000_000) + "." + fraction + "s";
    }
}
