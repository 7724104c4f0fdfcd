package dev.undertowbase.launcher.reload.watch;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.undertowbase.launcher.config.ReloadSettings;
import dev.undertowbase.launcher.reload.Apps;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;




class ChangeFilterTest {

    private static final Path APP = Path.of("/app");
    private final ChangeFilter filter = new ChangeFilter(ReloadSettings.load(Apps.env(APP), APP), Path.of("/tmp/work"));

    @ParameterizedTest
    @ValueSource(strings = {"classes/app/Main.class", "classes/templates/index.html", "app.jar", "lib/dependency.jar",
        "src/app/Main.java"})
    void theAppsCodeCounts(String file) {
        assertTrue(filter.relevant(APP.resolve(file)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"data/app.db", "target/other.jar", "src/app/.Main.java.swp", "src/app/Main.java~", "src/4913"})
    void otherFilesAndEditorLeftoversDoNot(String file) {
        assertFalse(filter.relevant(APP.resolve(file)));
    }

    @Test
    void hiddenDirectoriesAreNotWatched() {
        assertFalse(filter.watched(APP.resolve(".git")));
        assertTrue(filter.watched(APP.resolve("src")));
    }
}
