package dev.undertowbase.launcher.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.undertowbase.launcher.config.ReloadSettings;
import dev.undertowbase.launcher.config.ServerConfig;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


class ReloaderTest {

    @TempDir
    Path appDir;
    @TempDir
    Path workDir;

    @Test
    void aReloadSwapsTheHandler() {
        Apps.writeSource(appDir, Apps.main("one"));
        Reloader reloader = reloader();
        assertEquals(Reloader.Status.LOADED, reloader.reload(0).status());
        assertEquals("one", answer(reloader));
        ClassLoader first = reloader.root().current().loader();

        Apps.writeSource(appDir, Apps.main("two"));
        Reloader.Result result = reloader.reload(System.nanoTime());

        assertEquals(Reloader.Status.LOADED, result.status(), result::message);
        assertTrue(result.message().startsWith("Reloaded app.Main:app "), result.message());
        assertEquals("two", answer(reloader));
        assertFalse(first == reloader.root().current().loader(), "a fresh class loader per version");
    }

    @Test
    void aBrokenCompileKeepsTheOldHandlerAndNamesFileAndLine() {
        Apps.writeSource(appDir, Apps.main("good"));
        Reloader reloader = reloader();
        reloader.reload(0);

        Apps.writeSource(appDir, Apps.BROKEN_MAIN);
        Reloader.Result broken = reloader.reload(System.nanoTime());

        assertEquals(Reloader.Status.FAILED, broken.status());
        assertTrue(broken.message().contains("still serving the last good version"), broken.message());
        String file = appDir.resolve("src/app/Main.java").toString();
        assertTrue(broken.message().contains(file + ":7: error: ';' expected"), broken.message());
        assertEquals("good", answer(reloader));

        Apps.writeSource(appDir, Apps.main("fixed"));
        assertReloadServes(reloader, "fixed");
    }

    @Test
    void anAppThatThrowsWhileLoadingKeepsTheOldHandler() {
        Apps.compile(appDir.resolve("classes"), Apps.main("good"));
        Reloader reloader = reloader();
        reloader.reload(0);

        Apps.compile(appDir.resolve("classes"), Apps.THROWING_MAIN);
        Reloader.Result result = reloader.reload(System.nanoTime());

        assertEquals(Reloader.Status.FAILED, result.status());
        assertTrue(result.message().contains("app.Main failed to initialise"), result.message());
        assertEquals("good", answer(reloader));
    }

    @Test
    void untilAFirstVersionLoadsTheErrorIsServed() {
        Apps.writeSource(appDir, Apps.BROKEN_MAIN);
        Reloader reloader = reloader();

        Reloader.Result result = reloader.reload(0);

        assertEquals(Reloader.Status.FAILED, result.status());
        assertTrue(result.message().contains("no version of the app to serve yet"), result.message());
        assertNull(reloader.module());
        assertFalse(reloader.root().current().handler() instanceof Supplier<?>);

        Apps.writeSource(appDir, Apps.main("first"));
        assertReloadServes(reloader, "first");
        assertEquals("app.Main:app", reloader.module());
    }

    @Test
    void aReplacedJarIsLoadedFromACopy() throws Exception {
        Path jar = appDir.resolve("app.jar");
        Apps.jar(jar, Apps.main("jar one"));
        Reloader reloader = reloader();
        reloader.reload(0);
        assertEquals("jar one", answer(reloader));
        URL[] urls = ((URLClassLoader) reloader.root().current().loader()).getURLs();
        assertTrue(Arrays.stream(urls).noneMatch(url -> url.getPath().startsWith(appDir.toString())),
            () -> "the loader reads copies, not " + appDir + ": " + Arrays.toString(urls));

        Files.delete(jar);
        Apps.jar(jar, Apps.main("jar two"));
        assertReloadServes(reloader, "jar two");
    }

    @Test
    void aDiscoveryErrorNamesTheAppDirectoryNotTheSnapshot() {
        Apps.compile(appDir.resolve("classes"), Apps.main("good"));
        ServerConfig config = Apps.config(appDir, "APP_MODULE", "app.Missing:app");
        Reloader reloader = new Reloader(config, ReloadSettings.load(Apps.env(appDir), appDir),
            new Snapshots(appDir, workDir), null);

        Reloader.Result result = reloader.reload(0);

        assertEquals(Reloader.Status.FAILED, result.status());
        assertTrue(result.message().contains("APP_MODULE: class app.Missing not found in " + appDir.resolve("classes")),
            result.message());
        assertFalse(result.message().contains(workDir.toString()), result.message());
    }

    private Reloader reloader() {
        ServerConfig config = Apps.config(appDir);
        return new Reloader(config, ReloadSettings.load(Apps.env(appDir), appDir), new Snapshots(appDir, workDir),
            new SourceCompiler());
    }

    private static String answer(Reloader reloader) {
        return String.valueOf(((Supplier<?>) reloader.root().current().handler()).get());
    }

    /** A reload after a change loads, and the new version answers. */
    private static void assertReloadServes(Reloader reloader, String answer) {
        assertEquals(Reloader.Status.LOADED, reloader.reload(System.nanoTime()).status());
        assertEquals(answer, answer(reloader));
    }
}
