package dev.undertowbase.launcher.server.handlers;

import dev.undertowbase.launcher.config.LimitSettings;
import dev.undertowbase.launcher.server.ConnectionFeature;
import dev.undertowbase.launcher.server.Feature;
import io.undertow.UndertowOptions;
import io.undertow.server.AbstractServerConnection;
import io.undertow.server.Connectors;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.OptionMap;
import org.xnio.StreamConnection;
import org.xnio.conduits.ConduitStreamSourceChannel;

/**
 * README, Request limits: strict HTTP/1.1 framing and the head limits MAX_HEADER_SIZE (431, or
 * 414 for the request line) and MAX_HEADERS (431). Undertow 2.3 (and 2.4) accepts obsolete line
 * folding, decodes any Transfer-Encoding other than "identity" as chunked, reads chunk framing
 * that ends lines in a bare LF, and answers every head over its limits with a plain 400; so each
 * connection's bytes go through a {@link FramingConduit} before Undertow parses them, and the
 * requests it stops come to this handler marked with the status to answer.
 *
 * <p>Rejections are counted and reported at debug level, at most one line per
 * {@link #REPORT_INTERVAL_MILLIS}: a flood of bad requests must not become a flood of log lines.
 */
public final class RequestFraming implements Feature, ConnectionFeature {

    /** The header a rejected request reaches the handler chain with; its value is the status. */
    static final HttpString REJECTED = new HttpString("X-Undertow-Base-Rejected");
    /** Undertow's own head limit sits this far above ours: room for the bytes that end a rejected head. */
    private static final int UNDERTOW_HEAD_SLACK = 4096;
    private static final int UNDERTOW_FIELDS_SLACK = 4;
    static final long REPORT_INTERVAL_MILLIS = 10_000;

    private static final Logger log = LoggerFactory.getLogger(RequestFraming.class);

    private final int maxHeaderSize;
    private final int maxHeaders;
    private final AtomicLongArray counts = new AtomicLongArray(Rejection.values().length);
    private final AtomicLong lastReport = new AtomicLong();

    public RequestFraming(LimitSettings limits) {
        this.maxHeaderSize = limits.maxHeaderSize();
        this.maxHeaders = limits.maxHeaders();
    }

    int maxHeaderSize() {
        return maxHeaderSize;
    }

    int maxHeaders() {
        return maxHeaders;
    }

    @Override
    public void accepted(StreamConnection connection) {
        ConduitStreamSourceChannel source = connection.getSourceChannel();
        source.setConduit(new FramingConduit(source.getConduit(), this, connection));
    }

    /** Undertow's limits stay as a backstop just above ours, so ours decide. */
    @Override
    public void listenerOptions(OptionMap.Builder options) {
        options.set(UndertowOptions.MAX_HEADER_SIZE, maxHeaderSize + UNDERTOW_HEAD_SLACK);
        options.set(UndertowOptions.MAX_HEADERS, maxHeaders + UNDERTOW_FIELDS_SLACK);
    }

    @Override
    public HttpHandler wrap(HttpHandler next) {
        return exchange -> {
            HeaderMap headers = exchange.getRequestHeaders();
            String status = headers.getFirst(REJECTED);
            if (status != null) {
                answer(exchange, status);
                return;
            }
            if ((headers.contains(Headers.UPGRADE) || exchange.getRequestMethod().equals(Methods.CONNECT))
                && exchange.getConnection() instanceof AbstractServerConnection connection) {
                exchange.addExchangeCompleteListener((ex, nextListener) -> {
                    FramingConduit.exchangeCompleted(connection.getChannel(),
                        ex.isUpgrade() || ex.getRequestMethod().equals(Methods.CONNECT) && ex.getStatusCode() / 100 == 2);
                    nextListener.proceed();
                });
            }
            next.handleRequest(exchange);
        };
    }

    /** The status alone, and the connection closes: nothing more of its input is read. */
    private static void answer(HttpServerExchange exchange, String status) {
        exchange.setPersistent(false);
        Connectors.terminateRequest(exchange);
        exchange.setStatusCode(switch (status) {
            case "414" -> 414;
            case "431" -> 431;
            default -> 400;
        });
        exchange.endExchange();
    }

    void rejected(Rejection rejection) {
        counts.incrementAndGet(rejection.ordinal());
        long now = System.currentTimeMillis();
        long last = lastReport.get();
        if (now - last >= REPORT_INTERVAL_MILLIS && lastReport.compareAndSet(last, now)) {
            report(last == 0 ? 0 : now - last);
        }
    }

    private void report(long millis) {
        StringJoiner reasons = new StringJoiner("; ");
        long total = 0;
        for (Rejection rejection : Rejection.values()) {
            long count = counts.getAndSet(rejection.ordinal(), 0);
            if (count > 0) {
                total += count;
                reasons.add(rejection.status + " " + rejection.reason + ": " + count);
            }
        }
        if (total > 0) {
            log.debug("Rejected {} request{} ({}){}", total, total == 1 ? "" : "s", reasons,
                millis > 0 ? " in the last " + millis / 1000 + " s" : "");
        }
    }

    /** Reports what was rejected since the last report. */
    @Override
    public void close() {
        report(System.currentTimeMillis() - lastReport.get());
    }
}
