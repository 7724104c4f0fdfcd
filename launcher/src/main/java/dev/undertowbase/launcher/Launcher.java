package dev.undertowbase.launcher;

import dev.undertowbase.launcher.app.AppLocator;
import dev.undertowbase.launcher.app.LoadedApp;
import dev.undertowbase.launcher.config.BadInput;
import dev.undertowbase.launcher.config.ConfigJson;
import dev.undertowbase.launcher.config.ReloadSettings;
import dev.undertowbase.launcher.config.ServerConfig;
import dev.undertowbase.launcher.config.Tuning;
import dev.undertowbase.launcher.logging.Logging;
import dev.undertowbase.launcher.reload.LiveReload;
import dev.undertowbase.launcher.server.Bind;
import dev.undertowbase.launcher.server.FirstRequest;
import dev.undertowbase.launcher.server.HandlerChain;
import dev.undertowbase.launcher.server.Server;
import dev.undertowbase.launcher.server.handlers.Features;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.slf4j.LoggerFactory;

/**
 * Entry point: {@code java -jar launcher.jar [--print-config | --reload]}. Reads the environment once,
 * loads the configuration, finds the app, prints the config line and serves the app. The one
 * place that knows every part: config is read here and handed down, each part gets only its own.
 *
 * <p>Exit status: 0 normal or SIGTERM/SIGINT, 2 bad input (one {@code error:} line on stderr),
 * 1 anything unexpected (logged with its stack trace).
 */
public final class Launcher {

    /**
     * Set by /train.sh for the run that makes the start-up cache (README, Start-up cache): the
     * cache then holds the JSON lines' classes too, whichever LOG_FORMAT the training ran with.
     */
    static final String TRAINING_PROPERTY = "undertowbase.training";

    static final int BAD_INPUT = 2;
    static final int FAILED = 1;

    private Launcher() {
    }

    public static void main(String[] args) {
        int status = run(args, System.getenv(), Runtime.getRuntime().availableProcessors(),
            System.getProperty(Tuning.CARRIERS_PROPERTY), System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
        // status 0: either --print-config is done, or the server runs on its non-daemon XNIO threads
    }

    static int run(String[] args, Map<String, String> env, int cores, PrintStream out, PrintStream err) {
        return run(args, env, cores, null, out, err);
    }

    /** @param carriers the JVM's {@value Tuning#CARRIERS_PROPERTY}, as JAVA_OPTS set it; null if unset */
    static int run(String[] args, Map<String, String> env, int cores, String carriers, PrintStream out,
                   PrintStream err) {
        try {
            boolean printOnly = flag(args, "--print-config");
            if (!printOnly) {
                openClassPath();
            }
            ServerConfig config = ServerConfig.load(env);
            ReloadSettings reload = flag(args, "--reload") ? ReloadSettings.load(env, config.app().dir()) : null;
            Tuning tuning = Tuning.of(config.threads(), cores, carriers);
            AppLocator locator = new AppLocator(config.app(), config.probes().readyCheck(), config.config());
            if (printOnly) {
                AppLocator.Found found = locator.find();
                out.println(ConfigJson.render(config, tuning, found.module(), found.readyCheck(), locator.classPath()));
                return 0;
            }
            Bind.check(config.listen());
            Logging.configure(config.logs());
            if (Boolean.getBoolean(TRAINING_PROPERTY)) {
                Logging.loadJsonClasses();
            }
            // the app's ready check, known once the app is loaded; the chain is built first
            AtomicReference<BooleanSupplier> appCheck = new AtomicReference<>();
            HandlerChain chain = Features.of(config, out, appCheck::get);
            // Both before the listener binds: a SIGTERM that comes right after the first answers
            // still drains and exits 0, rather than finding the JVM's default handler (143).
            AtomicReference<Server> running = new AtomicReference<>();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                Server started = running.get();
                if (started != null) {
                    started.stop(config.shutdown().delay(), config.timeouts().graceful());
                }
            }, "shutdown"));
            Signals.exitZeroOnTermination(() -> {
                Server started = running.get();
                if (started != null) {
                    started.cutShutdownDelay();
                }
            });
            Server server;
            if (reload != null) {
                Server.xnio(); // before any of the app's code runs (see NoPlatformMBeanServer)
                LiveReload live = LiveReload.start(config, tuning, chain, reload, out);
                appCheck.set(live.readyCheck());
                server = live.server();
            } else {
                startXnio();
                LoadedApp app = locator.load(found -> {
                    out.println(ConfigJson.render(config, tuning, found.module(), found.readyCheck(),
                        locator.classPath()));
                    out.flush();
                    // the app's own code runs next, and XNIO's set-up must be over by then (see NoPlatformMBeanServer)
                    Server.xnio();
                });
                appCheck.set(app.ready());
                // XNIO threads inherit the context class loader of the thread that creates them
                Thread.currentThread().setContextClassLoader(app.classLoader());
                server = Server.start(config.listen(), tuning, chain, app.handler());
            }
            running.set(server);
            HealthcheckFile.writeIfAsked(env.get("HEALTHCHECK_FILE"), config.listen().value().host(), server.port(),
                config.probes().liveness());
            return 0;
        } catch (BadInput e) {
            err.println("error: " + e.getMessage());
            return BAD_INPUT;
        } catch (RuntimeException | Error e) {
            LoggerFactory.getLogger(Launcher.class).error("launcher failed", e);
            return FAILED;
        }
    }

    /**
     * The launcher's classes come from the start-up cache, so its jars are first opened (each
     * one's index read: about 3,800 entries in all, some 15 ms in the interpreter) by the first
     * lookup that misses, which is the lookup of the app's classes. Done on a thread of its own at
     * start, it overlaps with reading the configuration.
     */
    private static void openClassPath() {
        startDaemon("class-path", () -> Launcher.class.getClassLoader().getResource("META-INF/undertow-base/none"));
    }

    /**
     * XNIO's set-up on a thread of its own (after logging's, as XNIO logs), overlapping with
     * finding the app and printing the config line; then, on the same thread, what Undertow's
     * first request would otherwise initialise ({@link FirstRequest}).
     */
    private static void startXnio() {
        startDaemon("xnio-init", () -> {
            Server.xnio();
            FirstRequest.prepare();
        });
    }

    /** A start-up task beside the main thread, which never keeps the JVM from exiting. */
    private static void startDaemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static boolean flag(String[] args, String name) {
        for (String arg : args) {
            if (!arg.equals("--print-config") && !arg.equals("--reload")) {
                throw new BadInput("unknown argument \"" + arg + "\" (the launcher takes --print-config or --reload)");
            }
        }
        return Arrays.asList(args).contains(name);
    }
}
