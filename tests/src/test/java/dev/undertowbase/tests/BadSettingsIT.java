package dev.undertowbase.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.undertowbase.launcher.testing.BadSettingsTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.Parameter;

/**
 * README, Environment variables: every row of the table of bad settings (bad-settings.txt: each
 * variable the README documents, several bad values each) stops the image's start with one line
 * on stderr naming the variable, exit status 2 and no stack trace, through the script that reads
 * it (/start.sh, /start-reload.sh or /train.sh) as the image's user.
 *
 * <p>All rows of a tag run in one container of --memory 256m (a container each would cost about
 * a second per row): bad-settings.sh runs them two at a time, each with PORT=0, and reports
 * status, stderr and stdout of each. The app is app.Main in /app/classes.
 */
@EveryTag
class BadSettingsIT {

    private static final String DIR = "/tmp/bad-settings";
    private static final String FIXTURES = DIR + "/fixtures";
    /** Only root reads it, and the images run as 10001. */
    private static final String UNREADABLE = "/etc/shadow";

    @Parameter
    String tag;

    @TestFactory
    Stream<DynamicTest> everyBadSettingStopsTheStartWithOneErrorLine() {
        BadSettingsTable table = BadSettingsTable.load(ProjectFiles.root());
        List<BadSettingsTable.Row> rows = table.rows;
        String cases = rows.stream()
                .map(row -> row.reader().script + "\t" + row.name() + "\t" + row.value(FIXTURES, UNREADABLE) + "\n")
                .collect(Collectors.joining());
        ImageRun run = ImageRun.of(tag).memoryMegabytes(256).shell("sleep 3600")
                .app(TestApps.under("classes/", TestApps.compile(TestApps.HELLO)))
                .file(DIR + "/cases.tsv", cases)
                .script(DIR + "/bad-settings.sh", resource("/bad-settings.sh"));
        table.files.forEach((name, content) -> run.file(FIXTURES + "/" + name, content));

        List<BadSettingsTable.Outcome> outcomes;
        try (Server container = run.startUnchecked()) {
            Exit report = container.exec(Map.of(), DIR + "/bad-settings.sh", DIR + "/cases.tsv");
            outcomes = BadSettingsTable.outcomes(report.stdout());
            assertEquals(rows.size(), outcomes.size(), () -> "one outcome per row; " + report.logs());
        }
        return IntStream.range(0, rows.size()).mapToObj(i -> {
            BadSettingsTable.Row row = rows.get(i);
            return DynamicTest.dynamicTest(row.toString(),
                    () -> BadSettingsTable.assertRejected(row, row.value(FIXTURES, UNREADABLE), outcomes.get(i)));
        });
    }

    private static String resource(String name) {
        try (InputStream in = BadSettingsIT.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
