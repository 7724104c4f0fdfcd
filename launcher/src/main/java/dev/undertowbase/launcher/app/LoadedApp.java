package dev.undertowbase.launcher.app;

import io.undertow.server.HttpHandler;
import java.net.URLClassLoader;

/**
 * A located and instantiated app. Closing {@code classLoader} when the app is replaced is the
 * caller's job.
 *
 * @param module the APP_MODULE form of what was found, e.g. "app.Main:app"
 * @param ready  the app's ready check (README, Probes and health checks), null when it has none
 */
public record LoadedApp(String module, HttpHandler handler, URLClassLoader classLoader, ReadyCheck ready) {
}
