package dev.undertowbase.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.undertowbase.launcher.testing.TestApps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

    private static final Path TABLE = repositoryRoot().resolve("tests/src/test/resources/bad-settings.txt");

    @TempDir
    Path dir;

    /** A row of the table: the launcher's arguments for its section, and NAME=VALUE. */
    private record Row(String arguments, String name, String value, int line) {
        @Override
        public String toString() {
            return name + "=\"" + value + "\"" + (arguments.isEmpty() ? "" : " " + arguments) + " (bad-settings.txt:" + line + ")";
        }
    }

    @TestFactory
    Stream<DynamicTest> everyBadSettingTheLauncherReadsStopsItWithOneErrorLine() throws Exception {
        Path fixtures = dir.resolve("fixtures");
        List<Row> rows = readTable(fixtures);
        Path appDir = dir.resolve("app");
        TestApps.compile(appDir.resolve("classes"), Map.of("app.Main",
            TestApps.source("app.Main", "public static final HttpHandler app = new Marker();")));
        Path cases = Files.write(dir.resolve("cases.tsv"),
            rows.stream().map(row -> row.arguments() + "\t" + row.name() + "\t" + row.value()).toList());

        LauncherProcess.Result run = LauncherProcess.runMain(BadSettingsDriver.class, 300, Map.of(),
            cases.toString(), "APP_DIR=" + appDir, "PORT=0");

        List<String[]> results = results(run.stdout());
        assertEquals(rows.size(), results.size(), () -> "one result per row; driver stderr:\n" + run.stderr());
        return IntStream.range(0, rows.size()).mapToObj(i -> DynamicTest.dynamicTest(rows.get(i).toString(),
            () -> assertRejected(rows.get(i), Integer.parseInt(results.get(i)[0]), results.get(i)[1], results.get(i)[2])));
    }

    /** Exit status 2, one line on stderr naming the variable (or the file its value names), no stack trace. */
    private static void assertRejected(Row row, int status, String stdout, String stderr) {
        String what = row + "\n--- status " + status + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        assertEquals(Launcher.BAD_INPUT, status, () -> "status 2; " + what);
        List<String> lines = stderr.lines().toList();
        assertEquals(1, lines.size(), () -> "exactly one line on stderr; " + what);
        boolean namesVariable = lines.get(0).startsWith("error: " + row.name() + ":");
        boolean namesFile = row.value().startsWith("/") && lines.get(0).startsWith("error: " + row.value() + ":");
        assertTrue(namesVariable || namesFile, () -> "the line names " + row.name() + " or its file; " + what);
        assertFalse(stdout.contains("\tat ") || stderr.contains("\tat "), () -> "no stack trace; " + what);
    }

    /** The driver's report: per start {status, stdout, stderr}. */
    private static List<String[]> results(String report) {
        List<String[]> results = new ArrayList<>();
        String[] current = null;
        for (String line : report.lines().toList()) {
            if (line.startsWith("=== ")) {
                current = new String[] {line.substring(4), "", ""};
                results.add(current);
            } else if (current != null && line.startsWith("1| ")) {
                current[1] += line.substring(3) + "\n";
            } else if (current != null && line.startsWith("2| ")) {
                current[2] += line.substring(3) + "\n";
            }
        }
        return results;
    }

    /**
     * The rows of the launcher's sections, with ${FIXTURES} put in and the table's [files] written
     * there. (The tests module's BadSettings reads the whole table; this reads only what the
     * launcher runs.)
     */
    private static List<Row> readTable(Path fixtures) throws IOException {
        Files.createDirectories(fixtures);
        List<Row> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(TABLE);
        String section = "";
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                section = line;
                continue;
            }
            int equals = line.indexOf('=');
            String name = line.substring(0, Math.max(equals, 0));
            String value = line.substring(equals + 1);
            switch (section) {
                case "[files]" -> Files.writeString(fixtures.resolve(name), value.replace("\\n", "\n"));
                case "[launcher]", "[launcher --reload]" -> {
                    boolean quoted = value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"");
                    String unquoted = quoted ? value.substring(1, value.length() - 1) : value;
                    rows.add(new Row(section.equals("[launcher]") ? "" : "--reload", name,
                        unquoted.replace("${FIXTURES}", fixtures.toString()), i + 1));
                }
                default -> {
                    // read by the start scripts: StartScriptTest and BadSettingsIT run those rows
                }
            }
        }
        return rows;
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("tests/src/test/resources/bad-settings.txt"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no tests/src/test/resources/bad-settings.txt above " + Path.of("").toAbsolutePath());
    }
}
