package dev.undertowbase.launcher.reload.watch;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.undertowbase.launcher.config.ReloadSettings;
import dev.undertowbase.launcher.reload.Apps;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;



class ChangeFilterTest {

    private static final Path APP = Path.of("/app");
    private final ChangeFilter filter = new ChangeFilter(ReloadSettings.load(Apps.env(APP), APP), Path.of("/tmp/work"));

    @Test
    void theAppsCodeCounts() {
        assertTrue(filter.relevant(APP.resolve("classes/app/Main.class")));
        assertTrue(filter.relevant(APP.resolve("classes/templates/index.html")));
        assertTrue(filter.relevant(APP.resolve("app.jar")));
        assertTrue(filter.relevant(APP.resolve("lib/dependency.jar")));
        assertTrue(filter.relevant(APP.resolve("src/app/Main.java")));
    }

    @Test
    void otherFilesEditorLeftoversAndHiddenDirectoriesDoNot() {
        assertFalse(filter.relevant(APP.resolve("data/app.db")));
        assertFalse(filter.relevant(APP.resolve("target/other.jar")));
        assertFalse(filter.relevant(APP.resolve("src/app/.Main.java.swp")));
        assertFalse(filter.relevant(APP.resolve("src/app/Main.java~")));
        assertFalse(filter.relevant(APP.resolve("src/4913")));
        assertFalse(filter.watched(APP.resolve(".git")));
        assertTrue(filter.watched(APP.resolve("src")));
    }
}
