package dev.undertowbase.launcher.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.undertowbase.launcher.config.BadInput;
import dev.undertowbase.launcher.config.ReloadSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


class ReloadSettingsTest {

    @TempDir
    Path appDir;

    @Test
    void defaultsWatchTheAppDirectoryForEvents() {
        ReloadSettings settings = ReloadSettings.load(Apps.env(appDir), appDir);

        assertEquals(List.of(appDir), settings.watchRoots());
        assertEquals(appDir.resolve("src"), settings.sourceDir());
        assertFalse(settings.poll());
        assertFalse(settings.anyFile());
    }

    @Test
    void reloadPollTakesTrueOrFalse() {
        assertTrue(ReloadSettings.load(Apps.env(appDir, "RELOAD_POLL", "true"), appDir).poll());
        assertTrue(ReloadSettings.load(Apps.env(appDir, "RELOAD_POLL", "TRUE"), appDir).poll());
        assertFalse(ReloadSettings.load(Apps.env(appDir, "RELOAD_POLL", "false"), appDir).poll());

        BadInput bad = assertThrows(BadInput.class, () -> ReloadSettings.load(Apps.env(appDir, "RELOAD_POLL", "maybe"), appDir));
        assertEquals("RELOAD_POLL: \"maybe\" is not true or false", bad.getMessage());
    }

    @Test
    void reloadDirsNamesExistingDirectoriesRelativeToTheAppDirectory() throws IOException {
        Path classes = Files.createDirectories(appDir.resolve("classes"));
        Path other = Files.createDirectories(appDir.resolve("templates"));

        ReloadSettings settings = ReloadSettings.load(Apps.env(appDir, "RELOAD_DIRS", "classes, " + other), appDir);

        assertEquals(List.of(classes, other), settings.watchRoots());
        assertTrue(settings.anyFile());
        BadInput bad = assertThrows(BadInput.class,
            () -> ReloadSettings.load(Apps.env(appDir, "RELOAD_DIRS", "classes,nowhere"), appDir));
        assertEquals("RELOAD_DIRS: \"nowhere\" is not a directory", bad.getMessage());
    }

    @Test
    void aSourceDirectoryOutsideTheWatchedOnesIsWatchedToo() throws IOException {
        Path sources = Files.createDirectories(appDir.resolve("elsewhere/java"));
        Path classes = Files.createDirectories(appDir.resolve("classes"));

        ReloadSettings settings = ReloadSettings.load(
            Apps.env(appDir, "RELOAD_DIRS", "classes", "RELOAD_SRC", sources.toString()), appDir);

        assertEquals(sources, settings.sourceDir());
        assertEquals(List.of(classes, sources), settings.watchRoots());
        BadInput bad = assertThrows(BadInput.class,
            () -> ReloadSettings.load(Apps.env(appDir, "RELOAD_SRC", "/no/such/src"), appDir));
        assertEquals("RELOAD_SRC: \"/no/such/src\" is not a directory", bad.getMessage());
    }
}
