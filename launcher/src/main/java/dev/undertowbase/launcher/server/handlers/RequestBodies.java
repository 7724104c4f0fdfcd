package dev.undertowbase.launcher.server.handlers;

import dev.undertowbase.launcher.config.LimitSettings;
import dev.undertowbase.launcher.config.TimeoutSettings;
import dev.undertowbase.launcher.server.Feature;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.util.AttachmentKey;
import java.util.concurrent.atomic.AtomicLong;
import org.xnio.OptionMap;

/**
 * README, Request limits and Environment variables: request bodies that cannot exhaust memory or
 * hold a thread. Every body a handler reads (through {@code getRequestChannel()},
 * {@code getInputStream()}, {@code getRequestReceiver()} or Undertow's form parsers, which all
 * take the request channel) passes a {@link RequestBody}, which enforces:
 * <ul>
 *   <li>MAX_BODY_SIZE, or the exchange's own limit if the handler set one with
 *       {@code exchange.setMaxEntitySize} before reading: a declared Content-Length over it is
 *       answered 413 before a byte is read or allocated (Undertow's receiveFullBytes allocates the
 *       declared length at once), a chunked body gets 413 when it crosses;</li>
 *   <li>the budget of all bodies in progress under the server's limit: beyond it, 503;</li>
 *   <li>TIMEOUT: a reader that waits that long for more of the body gets 408.</li>
 * </ul>
 * A body the handler never reads is not buffered: after the response Undertow discards it, under
 * the same limits.
 */
public final class RequestBodies implements Feature {

    /**
     * The status a request ended with when its body could not be read to the end (400, 408, 413,
     * 503), for the access log: the response may never have reached the client.
     */
    static final AttachmentKey<Integer> ABORT_STATUS = AttachmentKey.create(Integer.class);
    /**
     * What {@code exchange.getMaxEntitySize()} returns until a handler sets its own limit: "the
     * server's limit applies". It also keeps Undertow's own checks out of the way, which close the
     * connection instead of answering 413 (and in 2.3.27 print a stack trace for a chunked body).
     */
    static final long SERVER_LIMIT = Long.MAX_VALUE;

    private final long limit;
    private final long stallMillis;
    /** Bytes the bodies in progress may still reserve; unused when there is no limit. */
    private final AtomicLong available;

    /** @param heapBytes the heap the derived limits are a share of */
    public RequestBodies(LimitSettings limits, TimeoutSettings timeouts, long heapBytes) {
        this.limit = limits.bodyLimit(heapBytes);
        this.stallMillis = timeouts.timeout().toMillis();
        this.available = new AtomicLong(limits.bodyBudget(heapBytes));
    }

    @Override
    public void listenerOptions(OptionMap.Builder options) {
        options.set(UndertowOptions.MAX_ENTITY_SIZE, SERVER_LIMIT);
    }

    @Override
    public HttpHandler wrap(HttpHandler next) {
        return exchange -> {
            if (!exchange.isRequestComplete()) {
                RequestBody body = new RequestBody(exchange, this);
                exchange.addRequestWrapper(body);
                exchange.addDefaultResponseListener(body);
                exchange.addExchangeCompleteListener(body);
            }
            next.handleRequest(exchange);
        };
    }

    /** The server's limit for one body; -1 for none. */
    long limit() {
        return limit;
    }

    long stallMillis() {
        return stallMillis;
    }

    /** Takes {@code bytes} from the budget of bodies in progress; false when it does not have them. */
    boolean reserve(long bytes) {
        for (long left = available.get(); left >= bytes; left = available.get()) {
            if (available.compareAndSet(left, left - bytes)) {
                return true;
            }
        }
        return false;
    }

    void release(long bytes) {
        available.addAndGet(bytes);
    }
}
