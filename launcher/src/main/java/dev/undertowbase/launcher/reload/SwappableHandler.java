package dev.undertowbase.launcher.reload;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * The listener's root handler in reload mode: hands each request to the current app, which a
 * reload replaces atomically; a request keeps the app it started with.
 *
 * <p>The app's class loader is the thread's context loader while the app runs, on the IO thread
 * and on the worker thread it dispatches to, as the launcher arranges outside reload mode. The
 * launcher's own loader is put back afterwards: a pooled thread left holding an old app's
 * loader would keep that loader, and every class it loaded, from being collected.
 */
final class SwappableHandler implements HttpHandler {

    /** @param ready the app's ready check (README, Probes and health checks), null when it has none */
    record App(HttpHandler handler, ClassLoader loader, BooleanSupplier ready) {
    }

    private static final ClassLoader LAUNCHER_LOADER = SwappableHandler.class.getClassLoader();

    private final AtomicReference<App> current;

    SwappableHandler(App first) {
        this.current = new AtomicReference<>(first);
    }

    /** Installs {@code next}; returns the app it replaced. */
    App swap(App next) {
        return current.getAndSet(next);
    }

    App current() {
        return current.get();
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        App app = current.get();
        Executor worker = exchange.getConnection().getWorker();
        exchange.setDispatchExecutor(task -> worker.execute(() -> {
            Thread.currentThread().setContextClassLoader(app.loader());
            try {
                task.run();
            } finally {
                Thread.currentThread().setContextClassLoader(LAUNCHER_LOADER);
            }
        }));
        Thread.currentThread().setContextClassLoader(app.loader());
        try {
            app.handler().handleRequest(exchange);
        } finally {
            Thread.currentThread().setContextClassLoader(LAUNCHER_LOADER);
        }
    }
}
