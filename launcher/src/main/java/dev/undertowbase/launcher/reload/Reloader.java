package dev.undertowbase.launcher.reload;

import dev.undertowbase.launcher.app.AppLocator;
import dev.undertowbase.launcher.app.LoadedApp;
import dev.undertowbase.launcher.config.BadInput;
import dev.undertowbase.launcher.config.ReloadSettings;
import dev.undertowbase.launcher.config.ServerConfig;
import dev.undertowbase.launcher.reload.watch.FileStamps;
import io.undertow.server.HttpHandler;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reload: snapshot the app's code, compile its sources (full images), load it through
 * AppLocator in a fresh class loader, swap it in, and release the old one. Anything that fails
 * leaves the last good version serving and is logged: the compiler's errors as file:line, a
 * discovery error as its one line, an app that throws while loading with its stack trace.
 * Until a first version loads, requests get a 500 naming the error.
 */
final class Reloader {

    enum Status { LOADED, FAILED, UNSETTLED }

    /** @param message what was loaded, or the error (as logged) */
    record Result(Status status, String message) {
    }

    private record Generation(LoadedApp app, Path dir) {
    }

    private static final Logger log = LoggerFactory.getLogger(Reloader.class);

    private final ServerConfig config;
    private final ReloadSettings settings;
    private final Snapshots snapshots;
    private final SourceCompiler compiler;
    private final SwappableHandler root;
    private Generation current;

    /** @param compiler null where the runtime has none (slim images) */
    Reloader(ServerConfig config, ReloadSettings settings, Snapshots snapshots, SourceCompiler compiler) {
        this.config = config;
        this.settings = settings;
        this.snapshots = snapshots;
        this.compiler = compiler;
        this.root = new SwappableHandler(failed("the app has not been loaded yet"));
    }

    SwappableHandler root() {
        return root;
    }

    /** The module being served, e.g. "app.Main:app"; null before a first successful load. */
    synchronized String module() {
        return current == null ? null : current.app().module();
    }

    /** The served app's ready check, e.g. "app.Main:ready"; null when it has none or none loaded. */
    synchronized String readyCheck() {
        return current == null || current.app().ready() == null ? null : current.app().ready().name();
    }

    /** Where sources are compiled from: the Maven/Gradle layout's src/main/java when present, else RELOAD_SRC as a whole. */
    Path sourceRoot() {
        Path mavenLayout = settings.sourceDir().resolve("main").resolve("java");
        return Files.isDirectory(mavenLayout) ? mavenLayout : settings.sourceDir();
    }

    /**
     * @param changedAt System.nanoTime() of the change that caused it, for the logged latency;
     *                  0 for the first load
     */
    synchronized Result reload(long changedAt) {
        List<Path> classPath = locator(config.app().dir()).classPath();
        List<Path> inputs = new ArrayList<>(classPath);
        if (compiler != null) {
            inputs.add(sourceRoot());
        }
        Map<Path, FileStamps.Stamp> before = stamps(inputs);
        Path dir = null;
        try {
            long start = System.nanoTime();
            dir = snapshots.take(classPath, before);
            long copied = System.nanoTime();
            if (compiler != null) {
                compiler.compile(sourceRoot(), dir.resolve("classes"), compileClassPath(dir));
            }
            long compiled = System.nanoTime();
            if (!before.equals(stamps(inputs))) {
                return unsettled(dir);
            }
            LoadedApp app = locator(dir).load();
            long loaded = System.nanoTime();
            Generation old = current;
            current = new Generation(app, dir);
            root.swap(new SwappableHandler.App(app.handler(), app.classLoader(), app.ready()));
            if (old != null) {
                release(old);
            }
            snapshots.prune(dir);
            String steps = "(copy " + millis(copied - start) + (compiler == null ? "" : ", compile " + millis(compiled - copied))
                + ", load " + millis(loaded - compiled) + ")";
            String message = changedAt == 0 ? "Loaded " + app.module() + " " + steps
                : "Reloaded " + app.module() + " " + millis(System.nanoTime() - changedAt) + " after the change " + steps;
            log.info(message);
            return new Result(Status.LOADED, message);
        } catch (CompileFailed e) {
            if (!before.equals(stamps(inputs))) {
                return unsettled(dir);
            }
            return failed(dir, "Compilation failed; " + keeping() + ":\n" + e.getMessage(), null);
        } catch (BadInput e) {
            return failed(dir, "Loading the app failed; " + keeping() + ": " + inAppDir(e.getMessage(), dir), null);
        } catch (UncheckedIOException e) {
            if (!before.equals(stamps(inputs))) {
                return unsettled(dir);
            }
            return failed(dir, "Reading the app failed; " + keeping() + ": " + e.getCause(), null);
        } catch (RuntimeException | LinkageError e) {
            return failed(dir, "Loading the app failed; " + keeping() + ": " + inAppDir(e.toString(), dir), e);
        }
    }

    /**
     * Compiles the sources of the version being served a few more times, into a scratch
     * directory, and throws the results away: javac's first runs in a JVM take seconds until the
     * JIT has compiled it, and a developer's first edit comes soon after the start. Stops early
     * when a change is waiting, which matters more.
     */
    synchronized void warmUp(int compiles, BooleanSupplier noChangeWaiting) {
        if (compiler == null || current == null || !Files.isDirectory(sourceRoot())) {
            return;
        }
        long started = System.nanoTime();
        long last = 0;
        int done = 0;
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory(current.dir().getParent(), "warm-up-");
            for (; done < compiles && noChangeWaiting.getAsBoolean(); done++) {
                long start = System.nanoTime();
                compiler.compile(sourceRoot(), Files.createDirectories(scratch.resolve(String.valueOf(done))),
                    compileClassPath(current.dir()));
                last = System.nanoTime() - start;
            }
        } catch (IOException | RuntimeException e) {
            log.debug("warm-up compile failed", e);
            return;
        } finally {
            deleteQuietly(scratch);
        }
        if (done == compiles) {
            log.info("Reload mode: javac is warm ({} compiles in {}, the last in {})", done,
                millis(System.nanoTime() - started), millis(last));
        }
    }

    /** The generation's class path, then the launcher's (Undertow, Typesafe Config, SLF4J: what apps compile against). */
    private List<Path> compileClassPath(Path generation) {
        List<Path> classPath = new ArrayList<>(locator(generation).classPath());
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            classPath.add(Path.of(entry));
        }
        return classPath;
    }

    /** Every file of the class path and sources: equal before and after a reload means the files had settled. */
    /** The app's locator reading the app from {@code dir} (APP_DIR or one of its snapshots). */
    private AppLocator locator(Path dir) {
        return new AppLocator(config.app().withDir(dir), config.probes().readyCheck(), config.config());
    }

    private static Map<Path, FileStamps.Stamp> stamps(List<Path> inputs) {
        return FileStamps.scan(inputs, dir -> true, file -> true);
    }

    private static String millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos) + " ms";
    }

    private String keeping() {
        return current == null ? "no version of the app to serve yet" : "still serving the last good version";
    }

    private Result unsettled(Path dir) {
        log.debug("files changed while reloading; trying again once they settle");
        deleteQuietly(dir);
        return new Result(Status.UNSETTLED, "files changed while reloading");
    }

    private Result failed(Path dir, String message, Throwable trace) {
        log.error(message, trace);
        deleteQuietly(dir);
        if (current == null) {
            root.swap(failed(message));
        }
        return new Result(Status.FAILED, message);
    }

    /** The old app is closed if it is AutoCloseable (its chance to stop threads it started), then its loader. */
    private void release(Generation old) {
        if (old.app().handler() instanceof AutoCloseable closeable) {
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(old.app().classLoader());
            try {
                closeable.close();
            } catch (Exception e) {
                log.warn("closing the replaced app failed", e);
            } finally {
                thread.setContextClassLoader(previous);
            }
        }
        try {
            old.app().classLoader().close();
        } catch (IOException e) {
            log.debug("closing the replaced app's class loader failed", e);
        }
        deleteQuietly(old.dir());
    }

    /** Error messages name the snapshot's paths; the user knows the app directory. */
    private String inAppDir(String message, Path dir) {
        return dir == null ? message : message.replace(dir.toString(), config.app().dir().toString());
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try {
            Snapshots.delete(dir);
        } catch (UncheckedIOException e) {
            log.debug("deleting {} failed", dir, e);
        }
    }

    /** Until a first version loads: requests get a 500 naming the error, readiness a 503. */
    private static SwappableHandler.App failed(String message) {
        BooleanSupplier notLoaded = () -> {
            throw new IllegalStateException("no version of the app has loaded yet");
        };
        return new SwappableHandler.App(failure(message), SwappableHandler.class.getClassLoader(), notLoaded);
    }

    private static HttpHandler failure(String message) {
        return exchange -> {
            exchange.setStatusCode(StatusCodes.INTERNAL_SERVER_ERROR);
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
            exchange.getResponseSender().send(message + "\n");
        };
    }
}
