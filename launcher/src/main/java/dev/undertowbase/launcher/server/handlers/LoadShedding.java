package dev.undertowbase.launcher.server.handlers;

import dev.undertowbase.launcher.server.Feature;
import io.undertow.server.ExchangeCompletionListener;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.XnioIoThread;

/**
 * README, Load shedding: with more than LIMIT_CONCURRENCY requests in flight, a request gets 503
 * with {@code Retry-After} at once, on the IO thread; nothing is queued (Undertow's
 * {@code RequestLimitingHandler} queues first). A request counts from here until its exchange
 * completes, also when the app dispatches it to a worker or finishes it asynchronously. The
 * probes answer before this handler, so a saturated server still says it is live.
 *
 * <p>How many were shed is logged at most every {@link #REPORT_EVERY}: the first shed request
 * at once, then the count since the last line.
 */
public final class LoadShedding implements Feature {

    static final Duration REPORT_EVERY = Duration.ofSeconds(10);
    /** Seconds a shed client is asked to wait: a request finishing frees a place at any moment. */
    static final String RETRY_AFTER = "1";
    private static final Logger log = LoggerFactory.getLogger(LoadShedding.class);

    private final int limit;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ExchangeCompletionListener done = (exchange, next) -> {
        inFlight.decrementAndGet();
        next.proceed();
    };
    private final AtomicLong shed = new AtomicLong();
    /** True while a report is scheduled. */
    private final AtomicBoolean reporting = new AtomicBoolean();

    public LoadShedding(int limit) {
        this.limit = limit;
    }

    @Override
    public HttpHandler wrap(HttpHandler next) {
        return exchange -> {
            if (inFlight.incrementAndGet() > limit) {
                inFlight.decrementAndGet();
                shed(exchange);
                return;
            }
            exchange.addExchangeCompleteListener(done);
            next.handleRequest(exchange);
        };
    }

    /** Logs the count not yet reported. */
    @Override
    public void close() {
        report();
    }

    private void shed(HttpServerExchange exchange) {
        exchange.setStatusCode(StatusCodes.SERVICE_UNAVAILABLE);
        exchange.getResponseHeaders()
            .put(Headers.RETRY_AFTER, RETRY_AFTER)
            .put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        // counted (and the first one logged) before the answer leaves, so a client that saw its 503 finds the line
        shed.incrementAndGet();
        if (reporting.compareAndSet(false, true)) {
            report();
            reportLater(exchange.getIoThread());
        }
        exchange.getResponseSender().send("busy: too many requests in flight, retry later\n");
    }

    /** Every REPORT_EVERY while requests are shed; a quiet period ends the reports. */
    private void reportLater(XnioIoThread thread) {
        try {
            thread.executeAfter(() -> {
                if (report()) {
                    reportLater(thread);
                    return;
                }
                reporting.set(false);
                // one shed between the report and the line above would otherwise wait for the next
                if (shed.get() > 0 && reporting.compareAndSet(false, true)) {
                    reportLater(thread);
                }
            }, REPORT_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the server is stopping: close() reports the rest
            reporting.set(false);
        }
    }

    /** Logs the requests shed since the last line; false when there were none. */
    private boolean report() {
        long count = shed.getAndSet(0);
        if (count > 0) {
            log.warn("Shed {} request{} with 503: LIMIT_CONCURRENCY={} requests were in flight"
                + " (this line comes at most every {} s)", count, count == 1 ? "" : "s", limit, REPORT_EVERY.toSeconds());
        }
        return count > 0;
    }
}
