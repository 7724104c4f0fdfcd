package dev.undertowbase.launcher;

import dev.undertowbase.launcher.reload.LiveReload;
import dev.undertowbase.launcher.reload.ReloadSettings;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Entry point: {@code java -jar launcher.jar [--print-config | --reload]}. Reads the environment once,
 * loads the configuration, finds the app, prints the config line and serves the app.
 *
 * <p>Exit status: 0 normal or SIGTERM/SIGINT, 2 bad input (one {@code error:} line on stderr),
 * 1 anything unexpected (logged with its stack trace).
 */
public final class Launcher {

    static final int BAD_INPUT = 2;
    static final int FAILED = 1;

    private Launcher() {
    }

    public static void main(String[] args) {
        int status = run(args, System.getenv(), Runtime.getRuntime().availableProcessors(), System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
        // status 0: either --print-config is done, or the server runs on its non-daemon XNIO threads
    }

    static int run(String[] args, Map<String, String> env, int cores, PrintStream out, PrintStream err) {
        try {
            boolean printOnly = flag(args, "--print-config");
            if (!printOnly) {
                openClassPath();
            }
            ServerConfig config = ServerConfig.load(env);
            ReloadSettings reload = flag(args, "--reload") ? ReloadSettings.load(env, config.appDir()) : null;
            Tuning tuning = Tuning.of(config, cores);
            AppLocator locator = new AppLocator(config);
            if (printOnly) {
                out.println(ConfigJson.render(config, tuning, locator.find(), locator.classPath()));
                return 0;
            }
            Bind.check(config);
            Logging.configure(config.logLevel(), config.errorLog(), config.errorLogSource());
            Server server;
            if (reload != null) {
                Server.xnio(); // before any of the app's code runs (see NoPlatformMBeanServer)
                server = LiveReload.start(config, tuning, reload, out).server();
            } else {
                startXnio();
                LoadedApp app = locator.load(module -> {
                    out.println(ConfigJson.render(config, tuning, module, locator.classPath()));
                    out.flush();
                    // the app's own code runs next, and XNIO's set-up must be over by then (see NoPlatformMBeanServer)
                    Server.xnio();
                });
                // XNIO threads inherit the context class loader of the thread that creates them
                Thread.currentThread().setContextClassLoader(app.classLoader());
                server = Server.start(config, tuning, app.handler(), out);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(config.gracefulTimeout()), "shutdown"));
            Signals.exitZeroOnTermination();
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
        Thread thread = new Thread(() -> Launcher.class.getClassLoader().getResource("META-INF/undertow-base/none"),
            "class-path");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * XNIO's set-up on a thread of its own (after logging's, as XNIO logs), overlapping with
     * finding the app and printing the config line.
     */
    private static void startXnio() {
        Thread thread = new Thread(Server::xnio, "xnio-init");
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
