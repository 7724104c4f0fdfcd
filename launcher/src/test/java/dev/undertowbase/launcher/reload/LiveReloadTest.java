package dev.undertowbase.launcher.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.undertowbase.launcher.config.ReloadSettings;
import dev.undertowbase.launcher.config.ServerConfig;
import dev.undertowbase.launcher.config.Tuning;
import dev.undertowbase.launcher.server.handlers.Features;
import dev.undertowbase.launcher.testing.Poll;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;



/** The whole loop: a listener, a watcher, and an edited source file served within two seconds. */
class LiveReloadTest {

    private static final Duration WITHIN = Duration.ofSeconds(2);

    @TempDir
    Path appDir;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void anEditedSourceIsServedWithinTwoSeconds() {
        assertEditServed("RELOAD_POLL", "false");
    }

    @Test
    void pollingServesAnEditWithinTwoSeconds() {
        assertEditServed("RELOAD_POLL", "true");
    }

    @Test
    void theConfigLineNamesTheLoadedModule() {
        Apps.writeSource(appDir, Apps.main("hello"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (LiveReload live = start(new PrintStream(out, true, StandardCharsets.UTF_8))) {
            assertEquals("hello", get(live, "/"));
        }
        String json = out.toString(StandardCharsets.UTF_8).lines().filter(line -> line.startsWith("{")).findFirst().orElseThrow();
        assertTrue(json.contains("\"app_module\":\"app.Main:app\""), json);
    }

    @Test
    void readinessFollowsTheReadyCheckOfTheVersionServed() {
        Apps.writeSource(appDir, mainReady(false));
        AtomicReference<BooleanSupplier> appCheck = new AtomicReference<>();
        try (LiveReload live = start(new PrintStream(new ByteArrayOutputStream()), appCheck::get)) {
            appCheck.set(live.readyCheck());
            assertEquals("not ready\n", get(live, "/readyz"));

            Apps.writeSource(appDir, mainReady(true));

            Poll.until(WITHIN, () -> "readiness once the ready version is served", () -> "ok\n".equals(get(live, "/readyz")));
        }
    }

    /** app.Main with a ready() that answers {@code ready}. */
    private static String mainReady(boolean ready) {
        return """
            package app;

            import io.undertow.server.HttpHandler;

            public class Main {
                public static final HttpHandler app = exchange -> exchange.getResponseSender().send("app");

                public static boolean ready() { return %s; }
            }
            """.formatted(ready);
    }

    private void assertEditServed(String... env) {
        Apps.writeSource(appDir, Apps.main("before"));
        try (LiveReload live = start(new PrintStream(new ByteArrayOutputStream()), env)) {
            assertEquals("before", get(live, "/"));

            long edited = System.nanoTime();
            Apps.writeSource(appDir, Apps.main("after"));
            Poll.until(WITHIN, () -> "the edit to be served", () -> "after".equals(get(live, "/")));

            System.out.printf("edit served after %d ms (%s)%n", (System.nanoTime() - edited) / 1_000_000, String.join("=", env));
        }
    }

    private LiveReload start(PrintStream out, String... env) {
        return start(out, () -> null, env);
    }

    private LiveReload start(PrintStream out, Supplier<BooleanSupplier> appCheck, String... env) {
        String[] pairs = new String[env.length + 4];
        System.arraycopy(env, 0, pairs, 0, env.length);
        System.arraycopy(new String[] {"PORT", "0", "ACCESS_LOG", ""}, 0, pairs, env.length, 4);
        ServerConfig config = Apps.config(appDir, pairs);
        return LiveReload.start(config, Tuning.of(config.threads(), 2), Features.of(config, out, appCheck),
            ReloadSettings.load(Apps.env(appDir, pairs), appDir), out);
    }

    private String get(LiveReload live, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(live.server().url() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
