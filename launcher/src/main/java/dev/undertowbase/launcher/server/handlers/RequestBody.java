package dev.undertowbase.launcher.server.handlers;

import io.undertow.server.ConduitWrapper;
import io.undertow.server.AbstractServerConnection;
import io.undertow.server.Connectors;
import io.undertow.server.DefaultResponseListener;
import io.undertow.server.ExchangeCompletionListener;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.ConduitFactory;
import io.undertow.util.Headers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.xnio.XnioExecutor;
import org.xnio.conduits.StreamSourceConduit;

/**
 * One request's body, as the handler reads it (see {@link RequestBodies}). Installed as a request
 * wrapper, so it comes into play when the handler first takes the request channel, after it had
 * the chance to set its own limit with {@code exchange.setMaxEntitySize}.
 *
 * <p>When the body cannot be read to its end (over the limit, over the budget, stalled, badly
 * framed, or the client went away) the request is terminated and the connection will close, and
 * the reader gets an exception (receiveFullBytes hands it to its error callback, which ends the
 * exchange quietly); the response then carries the status (413, 503, 408, 400) in place of the
 * 500 Undertow sets for a failed read. One reader is not told: Undertow's non-blocking
 * form-encoded parser logs any read error as an ERROR with its stack trace, one per request, so
 * for it the exchange is ended here with the status, and its callback never runs.
 */
final class RequestBody implements ConduitWrapper<StreamSourceConduit>, DefaultResponseListener,
    ExchangeCompletionListener {

    /** An abort with no status of its own: the connection failed under the body (the client went away). */
    private static final int IO_FAILURE = -1;
    /** Budget taken at a time for a body of unknown length, so a reservation is not made per read. */
    private static final long RESERVE_STEP = 64 << 10;
    private static final StackWalker STACK = StackWalker.getInstance();

    private final HttpServerExchange exchange;
    private final RequestBodies owner;
    private long max;
    private boolean budgeted;
    private long reserved;
    private long received;
    private Conduit conduit;
    private IOException failure;
    private boolean endedHere;
    /** Set once Undertow ends the exchange: a read from then on only discards what is left. */
    private volatile boolean ending;
    /** 0, or why the body could not be read to its end (a status, or {@link #IO_FAILURE}). */
    private volatile int aborted;
    /** System.nanoTime() since which a reader has been waiting for bytes; 0 when none is. */
    private volatile long waitingSince;
    private volatile XnioExecutor.Key timer;

    RequestBody(HttpServerExchange exchange, RequestBodies owner) {
        this.exchange = exchange;
        this.owner = owner;
    }

    @Override
    public StreamSourceConduit wrap(ConduitFactory<StreamSourceConduit> factory, HttpServerExchange exchange) {
        StreamSourceConduit next = factory.create();
        long own = exchange.getMaxEntitySize();
        boolean serverLimit = own == RequestBodies.SERVER_LIMIT;
        max = serverLimit ? owner.limit() : own;
        long declared = declaredLength();
        if (max > 0 && declared > max) {
            abort(413);
            if (!ending) {
                throw sneaky(exception());
            }
        } else if (!ending && serverLimit && max > 0) {
            // only bodies under the server's own limit count: a handler that set its own is answerable for it
            budgeted = true;
            if (declared > 0) {
                if (!owner.reserve(declared)) {
                    abort(503);
                    throw sneaky(exception());
                }
                reserved = declared;
            }
        }
        conduit = new Conduit(next);
        return conduit;
    }

    /** Called as Undertow ends the exchange, before it discards an unread body. */
    @Override
    public boolean handleDefaultResponse(HttpServerExchange exchange) {
        ending = true;
        if (aborted > 0 && !exchange.isResponseStarted()) {
            exchange.setStatusCode(aborted);
            if (aborted == 503) {
                exchange.getResponseHeaders().put(Headers.RETRY_AFTER, "1");
            }
        }
        return false;
    }

    @Override
    public void exchangeEvent(HttpServerExchange exchange, NextListener nextListener) {
        cancelTimer();
        if (reserved > 0) {
            owner.release(reserved);
            reserved = 0;
        }
        nextListener.proceed();
    }

    private long declaredLength() {
        String length = exchange.getRequestHeaders().getFirst(Headers.CONTENT_LENGTH);
        if (length == null || exchange.getRequestHeaders().contains(Headers.TRANSFER_ENCODING)) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The status a failure from below the body answers to: 400 for broken framing, else none. */
    private int statusOf(IOException e) {
        if (e instanceof MalformedBodyException
            || exchange.getConnection() instanceof AbstractServerConnection connection
            && FramingConduit.failedBody(connection.getChannel()) != null) {
            return 400;
        }
        return e instanceof RequestTooBigException ? 413 : IO_FAILURE;
    }

    /**
     * The body will not be read to its end: nothing more of it is read and the connection closes.
     * A failure with a reason (a malformed chunk is a 400) may follow the plain I/O failure it
     * caused: closing the connection can run Undertow's clean-up, which reads, inside the read.
     */
    private void abort(int status) {
        if (aborted != 0 && !(aborted == IO_FAILURE && status > 0)) {
            return;
        }
        boolean first = aborted == 0;
        aborted = status;
        if (status > 0) {
            // read by the access log only if the connection closed before the response was complete
            exchange.putAttachment(RequestBodies.ABORT_STATUS, status);
        }
        if (first) {
            cancelTimer();
            exchange.setPersistent(false);
            Connectors.terminateRequest(exchange);
        }
    }

    /**
     * What a read returns, or throws, once the body is aborted. Undertow discarding the rest of a
     * body on a sound connection is told it ended; when the connection failed under the body the
     * reader gets the failure (an end of stream would hand a blocking reader a stream that
     * Undertow's clean-up already closed).
     */
    private int afterAbort() throws IOException {
        if (ending && failure == null) {
            return -1;
        }
        if (!exchange.isBlocking() && readByFormParser()) {
            if (!endedHere) {
                endedHere = true;
                handleDefaultResponse(exchange);
                exchange.endExchange();
            }
            return 0;
        }
        throw exception();
    }

    private IOException exception() {
        if (failure != null) {
            return failure;
        }
        return switch (aborted) {
            case 413 -> new BodyTooLargeException("request body larger than " + max + " bytes");
            case 503 -> new BodyAbortedException("request bodies in progress hold the server's budget for them");
            case 408 -> new BodyAbortedException("request body stalled for " + owner.stallMillis() / 1000.0 + " s");
            default -> new BodyAbortedException("request body aborted: " + aborted);
        };
    }

    /** Whether Undertow's non-blocking form-encoded parser is reading; looked up only once a body has failed. */
    private static boolean readByFormParser() {
        return STACK.walk(frames -> frames.limit(16).map(StackWalker.StackFrame::getClassName)
            .anyMatch(name -> name.startsWith("io.undertow.server.handlers.form.FormEncodedDataDefinition")));
    }

    private void cancelTimer() {
        XnioExecutor.Key key = timer;
        if (key != null) {
            timer = null;
            key.remove();
        }
    }

    private long startWaiting() {
        long since = waitingSince;
        if (since == 0) {
            since = System.nanoTime() | 1;
            waitingSince = since;
        }
        return since;
    }

    private boolean stalled() {
        long since = waitingSince;
        return owner.stallMillis() > 0 && since != 0
            && System.nanoTime() - since >= TimeUnit.MILLISECONDS.toNanos(owner.stallMillis());
    }

    /** On the IO thread: a reader that waited for TIMEOUT is woken to find its body aborted with 408. */
    private void checkStall() {
        timer = null;
        long since = waitingSince;
        if (aborted != 0 || since == 0) {
            return;
        }
        long left = since + TimeUnit.MILLISECONDS.toNanos(owner.stallMillis()) - System.nanoTime();
        if (left > 0) {
            timer = exchange.getIoThread().executeAfter(this::checkStall, TimeUnit.NANOSECONDS.toMillis(left) + 1,
                TimeUnit.MILLISECONDS);
        } else {
            conduit.wakeReader();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneaky(Throwable exception) throws T {
        throw (T) exception;
    }

    /** The body as the handler reads it. */
    private final class Conduit extends BufferReadingConduit {

        Conduit(StreamSourceConduit next) {
            super(next);
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            if (aborted != 0) {
                return afterAbort();
            }
            int before = dst.position();
            int read;
            try {
                read = next.read(dst);
            } catch (IOException e) {
                failure = e;
                abort(statusOf(e));
                return afterAbort();
            }
            if (read > 0) {
                waitingSince = 0;
                received += read;
                int problem = max > 0 && received > max ? 413 : budgeted && !reserveUpTo(received) ? 503 : 0;
                if (problem != 0) {
                    dst.position(before);
                    abort(problem);
                    return afterAbort();
                }
            } else if (read == 0) {
                startWaiting();
                if (stalled()) {
                    abort(408);
                    return afterAbort();
                }
            } else {
                waitingSince = 0;
                cancelTimer();
            }
            return read;
        }

        /** A chunked body reserves its budget as it arrives. */
        private boolean reserveUpTo(long bytes) {
            if (bytes <= reserved) {
                return true;
            }
            long more = Math.max(bytes - reserved, RESERVE_STEP);
            if (!owner.reserve(more)) {
                return false;
            }
            reserved += more;
            return true;
        }

        @Override
        public void resumeReads() {
            next.resumeReads();
            awaitEvent();
        }

        /** Undertow resumes a reader this way the first time, after the handler returned. */
        @Override
        public void wakeupReads() {
            next.wakeupReads();
            awaitEvent();
        }

        void wakeReader() {
            next.wakeupReads();
        }

        /** A non-blocking reader now waits for a read event: the IO thread keeps TIMEOUT for it. */
        private void awaitEvent() {
            if (owner.stallMillis() > 0 && aborted == 0) {
                startWaiting();
                if (timer == null) {
                    timer = exchange.getIoThread().executeAfter(RequestBody.this::checkStall, owner.stallMillis(),
                        TimeUnit.MILLISECONDS);
                }
            }
        }

        @Override
        public void suspendReads() {
            next.suspendReads();
            waitingSince = 0;
        }

        @Override
        public void awaitReadable() throws IOException {
            if (owner.stallMillis() > 0) {
                awaitReadable(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
            } else {
                next.awaitReadable();
            }
        }

        /** A blocking reader waits at most until TIMEOUT since it began waiting; its next read then fails. */
        @Override
        public void awaitReadable(long time, TimeUnit timeUnit) throws IOException {
            long wait = timeUnit.toNanos(time);
            if (owner.stallMillis() > 0) {
                long left = startWaiting() + TimeUnit.MILLISECONDS.toNanos(owner.stallMillis()) - System.nanoTime();
                wait = Math.min(wait, left);
            }
            if (wait > 0) {
                next.awaitReadable(wait, TimeUnit.NANOSECONDS);
            }
        }
    }

    /** Over the body limit; a RequestTooBigException, which Undertow answers with 413. */
    static final class BodyTooLargeException extends RequestTooBigException {

        BodyTooLargeException(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    /** A body that could not be read to its end for a reason the response status gives. */
    static final class BodyAbortedException extends IOException {

        BodyAbortedException(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
