package dev.undertowbase.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.undertowbase.launcher.testing.BadSettingsTable;
import dev.undertowbase.launcher.testing.BadSettingsTable.Reader;
import dev.undertowbase.launcher.testing.BadSettingsTable.Row;
import dev.undertowbase.launcher.testing.TestApps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * README, Environment variables: every value of the table of bad settings that the launcher
 * reads (its [launcher] and [launcher --reload] rows) stops it with one line on stderr,
 * "error: VARIABLE: ..." (or "error: FILE:LINE: ..." for the file the variable names), status 2
 * and no stack trace. The table is tests/src/test/resources/bad-settings.txt, whose header says
 * how it is written; BadSettingsIT runs all of it in the images, StartScriptTest the scripts' rows.
 * The rows run one after another in one JVM ({@link BadSettingsDriver}), each with PORT=0 and an
 * app.Main in APP_DIR.
 */
class BadSettingsTest {

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> everyBadSettingTheLauncherReadsStopsItWithOneErrorLine() throws Exception {
        BadSettingsTable table = BadSettingsTable.load(repositoryRoot());
        Path fixtures = dir.resolve("fixtures");
        table.writeFiles(fixtures);
        List<Row> rows = table.rows.stream().filter(row -> row.reader().isLauncher()).toList();
        List<String> values = rows.stream().map(row -> row.value(fixtures.toString(), "")).toList();
        Path appDir = dir.resolve("app");
        TestApps.compile(appDir.resolve("classes"), Map.of("app.Main",
            TestApps.source("app.Main", "public static final HttpHandler app = new Marker();")));
        Path cases = Files.write(dir.resolve("cases.tsv"), IntStream.range(0, rows.size())
            .mapToObj(i -> (rows.get(i).reader() == Reader.LAUNCHER_RELOAD ? "--reload" : "") + "\t"
                + rows.get(i).name() + "\t" + values.get(i))
            .toList());

        LauncherProcess.Result run = LauncherProcess.runMain(BadSettingsDriver.class, 300, Map.of(),
            cases.toString(), "APP_DIR=" + appDir, "PORT=0");

        List<BadSettingsTable.Outcome> outcomes = BadSettingsTable.outcomes(run.stdout());
        assertEquals(rows.size(), outcomes.size(), () -> "one outcome per row; driver stderr:\n" + run.stderr());
        return IntStream.range(0, rows.size()).mapToObj(i -> DynamicTest.dynamicTest(rows.get(i).toString(),
            () -> BadSettingsTable.assertRejected(rows.get(i), values.get(i), outcomes.get(i))));
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(BadSettingsTable.PATH))) {
                return dir;
            }
        }
        throw new IllegalStateException("no " + BadSettingsTable.PATH + " at or above " + Path.of("").toAbsolutePath());
    }
}
