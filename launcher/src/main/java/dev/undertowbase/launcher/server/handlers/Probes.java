package dev.undertowbase.launcher.server.handlers;

import dev.undertowbase.launcher.config.ProbeSettings;
import dev.undertowbase.launcher.server.Feature;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.SameThreadExecutor;
import io.undertow.util.StatusCodes;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * README, Probes and health checks: LIVENESS_PATH and READINESS_PATH, answered by the server
 * before load shedding and the app (and before the access log unless ACCESS_LOG_PROBES=true), to GET and HEAD, as
 * {@code text/plain} with {@code Cache-Control: no-store}.
 *
 * <p>Liveness is answered on the IO thread with no app code: an answer at all shows the event
 * loop runs. Readiness is 503 once the server is stopping; otherwise it is the app's own ready
 * check when it has one, run on a thread of its own (a check that blocks on a database must not
 * block the event loop) and bounded by {@link #CHECK_TIMEOUT}. Probes that come while a check
 * runs share its result, so a stuck check holds one thread, not one per probe. A failing check
 * is logged once per distinct reason, and once more when it passes again.
 */
public final class Probes implements Feature {

    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(Probes.class);
    private static final String ALLOWED = Methods.GET + ", " + Methods.HEAD;

    private final String liveness;
    private final String readiness;
    private final Supplier<BooleanSupplier> appCheck;
    private final ExecutorService checks = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "ready-check");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean stopping;
    /** The check being run and when it began; guarded by this. */
    private CompletableFuture<Boolean> running;
    private long runningSince;
    /** The reason readiness last failed for, null while it passes; guarded by this. */
    private String failure;

    private Probes(ProbeSettings settings, Supplier<BooleanSupplier> appCheck) {
        this.liveness = settings.liveness();
        this.readiness = settings.readiness();
        this.appCheck = appCheck;
    }

    /**
     * Null when both probes are off.
     *
     * @param appCheck the app's ready check, or null while it has none; asked at each readiness probe
     */
    public static Probes of(ProbeSettings settings, Supplier<BooleanSupplier> appCheck) {
        return settings.livenessOn() || settings.readinessOn() ? new Probes(settings, appCheck) : null;
    }

    @Override
    public HttpHandler wrap(HttpHandler next) {
        return exchange -> {
            String path = exchange.getRequestPath();
            boolean live = path.equals(liveness);
            if (!live && !path.equals(readiness)) {
                next.handleRequest(exchange);
            } else if (!exchange.getRequestMethod().equals(Methods.GET) && !exchange.getRequestMethod().equals(Methods.HEAD)) {
                exchange.getResponseHeaders().put(Headers.ALLOW, ALLOWED);
                answer(exchange, StatusCodes.METHOD_NOT_ALLOWED, "method not allowed");
            } else if (live) {
                answer(exchange, StatusCodes.OK, "ok");
            } else {
                ready(exchange);
            }
        };
    }

    /** From now on readiness answers 503. */
    @Override
    public void stopping() {
        stopping = true;
    }

    @Override
    public void close() {
        checks.shutdownNow();
    }

    private void ready(HttpServerExchange exchange) {
        if (stopping) {
            answer(exchange, StatusCodes.SERVICE_UNAVAILABLE, "shutting down");
            return;
        }
        BooleanSupplier check = appCheck.get();
        if (check == null) {
            answer(exchange, StatusCodes.OK, "ok");
        } else {
            CompletableFuture<Boolean> result = check(check);
            exchange.dispatch(SameThreadExecutor.INSTANCE, () -> result.whenComplete((ready, thrown) ->
                exchange.getIoThread().execute(() -> answerCheck(exchange, ready, thrown))));
        }
    }

    /** The running check's result, bounded by what is left of its second; starts one when none runs. */
    private synchronized CompletableFuture<Boolean> check(BooleanSupplier check) {
        long now = System.nanoTime();
        if (running == null || running.isDone()) {
            running = CompletableFuture.supplyAsync(check::getAsBoolean, checks);
            runningSince = now;
        }
        long left = CHECK_TIMEOUT.toNanos() - (now - runningSince);
        return running.copy().orTimeout(Math.max(0, left), TimeUnit.NANOSECONDS);
    }

    private void answerCheck(HttpServerExchange exchange, Boolean ready, Throwable thrown) {
        Throwable cause = thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
        String reason;
        if (cause instanceof TimeoutException) {
            reason = "the app's ready check took longer than " + CHECK_TIMEOUT.toSeconds() + " s";
        } else if (cause != null) {
            reason = "the app's ready check failed: " + (cause.getMessage() != null ? cause.getMessage() : cause);
        } else if (!ready) {
            reason = "the app's ready check returned false";
        } else {
            reason = null;
        }
        report(reason, cause instanceof TimeoutException ? null : cause);
        if (reason == null) {
            answer(exchange, StatusCodes.OK, "ok");
        } else {
            answer(exchange, StatusCodes.SERVICE_UNAVAILABLE, "not ready");
        }
    }

    /** Logs a failure once per distinct reason (not once per probe), and the recovery. */
    private synchronized void report(String reason, Throwable cause) {
        if (reason == null) {
            if (failure != null) {
                log.info("Readiness answers 200 again: the app's ready check passes");
            }
        } else if (!reason.equals(failure)) {
            log.warn("Readiness answers 503: {}", reason, cause);
        }
        failure = reason;
    }

    private static void answer(HttpServerExchange exchange, int status, String body) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders()
            .put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8")
            .put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseSender().send(body + "\n");
    }
}
