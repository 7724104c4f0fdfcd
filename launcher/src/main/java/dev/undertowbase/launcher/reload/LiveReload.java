package dev.undertowbase.launcher.reload;

import dev.undertowbase.launcher.app.AppLocator;
import dev.undertowbase.launcher.config.ConfigJson;
import dev.undertowbase.launcher.config.ReloadSettings;
import dev.undertowbase.launcher.config.ServerConfig;
import dev.undertowbase.launcher.config.Tuning;
import dev.undertowbase.launcher.reload.watch.ChangeFilter;
import dev.undertowbase.launcher.reload.watch.ChangeWatcher;
import dev.undertowbase.launcher.reload.watch.Debouncer;
import dev.undertowbase.launcher.reload.watch.EventWatcher;
import dev.undertowbase.launcher.reload.watch.PollingWatcher;
import dev.undertowbase.launcher.server.HandlerChain;
import dev.undertowbase.launcher.server.Server;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code launcher.jar --reload}: one listener for the life of the JVM, and the app reloaded into
 * it whenever its classes, jars or sources change. Changes are debounced ({@link #QUIET}), and
 * reloads run one at a time on a single thread.
 */
public final class LiveReload implements AutoCloseable {

    static final Duration QUIET = Duration.ofMillis(200);
    /** Enough for the JIT to bring javac from seconds to about 200 ms per small compile (measured in the images). */
    private static final int WARM_UP_COMPILES = 3;
    private static final Logger log = LoggerFactory.getLogger(LiveReload.class);

    private final Server server;
    private final ChangeWatcher watcher;
    private final ScheduledExecutorService executor;
    private final Path workDir;
    private final SwappableHandler root;
    private final Duration delay;
    private final Duration grace;
    private final Thread cleanup;

    private LiveReload(Server server, ChangeWatcher watcher, ScheduledExecutorService executor, Path workDir,
                       SwappableHandler root, Duration delay, Duration grace) {
        this.server = server;
        this.watcher = watcher;
        this.executor = executor;
        this.workDir = workDir;
        this.root = root;
        this.delay = delay;
        this.grace = grace;
        this.cleanup = new Thread(this::stop, "reload-cleanup");
    }

    /**
     * Loads the app (a failure is logged and served as a 500 until a change fixes it), prints
     * the config line, starts listening behind the chain's features and watching.
     */
    public static LiveReload start(ServerConfig config, Tuning tuning, HandlerChain chain, ReloadSettings settings,
                                   PrintStream out) {
        Path workDir;
        try {
            workDir = Files.createTempDirectory("undertow-reload-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the reload work directory", e);
        }
        SourceCompiler compiler = compilerAvailable() ? new SourceCompiler() : null;
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "reload");
            thread.setDaemon(true);
            return thread;
        });
        Reloader reloader = new Reloader(config, settings, new Snapshots(config.app().dir(), workDir), compiler);
        Debouncer debouncer = new Debouncer(executor, QUIET,
            changedAt -> reloader.reload(changedAt).status() != Reloader.Status.UNSETTLED);
        ChangeWatcher watcher = null;
        Server server;
        try {
            announce(settings, reloader, compiler != null);
            watcher = watch(settings, new ChangeFilter(settings, workDir), debouncer);
            if (executor.submit(() -> reloader.reload(0)).get().status() == Reloader.Status.UNSETTLED) {
                debouncer.poke();
            }
            out.println(ConfigJson.render(config, tuning, reloader.module(), reloader.readyCheck(),
                new AppLocator(config.app(), config.probes().readyCheck(), config.config()).classPath()));
            out.flush();
            server = Server.start(config.listen(), tuning, chain, reloader.root());
            executor.execute(() -> reloader.warmUp(WARM_UP_COMPILES, debouncer::idle));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw abandon(watcher, executor, workDir, new IllegalStateException("interrupted while loading the app", e));
        } catch (ExecutionException e) {
            throw abandon(watcher, executor, workDir, new IllegalStateException("loading the app failed", e.getCause()));
        } catch (RuntimeException e) {
            throw abandon(watcher, executor, workDir, e);
        }
        LiveReload live = new LiveReload(server, watcher, executor, workDir, reloader.root(),
            config.shutdown().delay(), config.timeouts().graceful());
        Runtime.getRuntime().addShutdownHook(live.cleanup);
        return live;
    }

    private static RuntimeException abandon(ChangeWatcher watcher, ScheduledExecutorService executor, Path workDir,
                                            RuntimeException e) {
        if (watcher != null) {
            watcher.close();
        }
        executor.shutdownNow();
        Snapshots.delete(workDir);
        return e;
    }

    public Server server() {
        return server;
    }

    /** The ready check of whichever version of the app is being served (README, Probes and health checks). */
    public BooleanSupplier readyCheck() {
        return () -> {
            BooleanSupplier check = root.current().ready();
            return check == null || check.getAsBoolean();
        };
    }

    /** Stops watching and serving and deletes the snapshots (for tests; the JVM's exit does the same). */
    @Override
    public void close() {
        Runtime.getRuntime().removeShutdownHook(cleanup);
        stop();
    }

    /** Server.stop is idempotent: whichever of the launcher's hook and this one comes first drains the requests. */
    private void stop() {
        watcher.close();
        executor.shutdownNow();
        server.stop(delay, grace);
        Snapshots.delete(workDir);
    }

    /**
     * Asked of the module layer, not of javax.tools: on the slim images even loading
     * SourceCompiler fails, as its code refers to javax.tools types the runtime lacks.
     */
    private static boolean compilerAvailable() {
        return ModuleLayer.boot().findModule("java.compiler").isPresent()
            && ModuleLayer.boot().findModule("jdk.compiler").isPresent();
    }

    private static ChangeWatcher watch(ReloadSettings settings, ChangeFilter filter, Debouncer debouncer) {
        if (!settings.poll()) {
            try {
                return EventWatcher.start(settings.watchRoots(), filter, debouncer::poke);
            } catch (IOException e) {
                log.warn("Cannot watch for file events ({}); polling every {} ms instead", e.toString(),
                    PollingWatcher.INTERVAL.toMillis());
            }
        }
        return PollingWatcher.start(settings.watchRoots(), filter, debouncer::poke);
    }

    private static void announce(ReloadSettings settings, Reloader reloader, boolean compiles) {
        String roots = settings.watchRoots().stream().map(Path::toString).collect(Collectors.joining(", "));
        String what = settings.anyFile() ? "any file" : "classes/, *.jar, lib/*.jar and .java sources";
        String how = settings.poll() ? "polling every " + PollingWatcher.INTERVAL.toMillis() + " ms (RELOAD_POLL=true)"
            : "file system events";
        log.info("Reload mode: watching {} for changes to {} by {}", roots, what, how);
        Path sources = reloader.sourceRoot();
        if (compiles) {
            log.info("Reload mode: .java files under {} are compiled in-process on every change", sources);
        } else if (Files.isDirectory(sources)) {
            log.warn("Reload mode: .java files under {} are not compiled: this Java runtime has no compiler (slim image);"
                + " use a full image (e.g. undertow-base:java25) or mount compiled classes", sources);
        }
    }
}
