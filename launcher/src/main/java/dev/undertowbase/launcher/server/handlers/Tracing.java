package dev.undertowbase.launcher.server.handlers;

import dev.undertowbase.launcher.logging.MdcExecutor;
import dev.undertowbase.launcher.server.Feature;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Trace correlation (README, Trace correlation): a request that carries trace ids has them in the
 * MDC, as {@code trace_id} and {@code span_id}, while it is handled on the IO thread and while
 * the task it dispatches runs, on whatever executor that is; the access log reads them from the
 * exchange. They are taken out of the MDC when the handler returns and when the task ends, so no
 * other request's lines get them.
 */
public final class Tracing implements Feature {

    @Override
    public HttpHandler wrap(HttpHandler next) {
        return new Handler(next);
    }

    private static final class Handler implements HttpHandler {

        private final HttpHandler next;

        Handler(HttpHandler next) {
            this.next = next;
        }

        @Override
        public void handleRequest(HttpServerExchange exchange) throws Exception {
            TraceContext trace = TraceContext.of(exchange.getRequestHeaders());
            if (trace == null) {
                next.handleRequest(exchange);
                return;
            }
            exchange.putAttachment(TraceContext.KEY, trace);
            Map<String, String> mdc = trace.mdc();
            MdcExecutor.put(mdc);
            try {
                next.handleRequest(exchange);
            } finally {
                MdcExecutor.remove(mdc);
                if (exchange.isDispatched()) {
                    // Undertow runs the dispatched task on this executor once the handlers return:
                    // the one the app (or a feature) chose, else the worker, as Connectors does.
                    Executor executor = exchange.getDispatchExecutor();
                    exchange.setDispatchExecutor(new MdcExecutor(
                        executor != null ? executor : exchange.getConnection().getWorker(), mdc));
                }
            }
        }
    }
}
