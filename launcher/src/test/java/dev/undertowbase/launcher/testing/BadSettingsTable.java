package dev.undertowbase.launcher.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The table of bad settings, tests/src/test/resources/bad-settings.txt (its header says how it is
 * written): every variable the README documents with values that must stop the start with one
 * error line. Also reads the README's variable tables, and holds the contract every row is held to.
 * One parser for every runner: the launcher's BadSettingsTest, and in tests/ BadSettingsTableTest,
 * StartScriptTest and BadSettingsIT.
 */
public final class BadSettingsTable {

    /** What reads a section's variables, and the script a row of it starts. */
    public enum Reader {
        LAUNCHER("launcher", "start.sh"),
        LAUNCHER_RELOAD("launcher --reload", "start-reload.sh"),
        START("start.sh", "start.sh"),
        START_RELOAD("start-reload.sh", "start-reload.sh"),
        TRAIN("train.sh", "train.sh");

        public final String section;
        /** The start script a row runs in an image. */
        public final String script;

        Reader(String section, String script) {
            this.section = section;
            this.script = script;
        }

        /** Read by a start script itself, so StartScriptTest runs it without Docker. */
        public boolean isScript() {
            return this == START || this == START_RELOAD || this == TRAIN;
        }

        /** Read by the launcher, so BadSettingsTest runs it without Docker. */
        public boolean isLauncher() {
            return this == LAUNCHER || this == LAUNCHER_RELOAD;
        }
    }

    /** One bad value: {@code NAME=VALUE} on {@code line} of the table. */
    public record Row(Reader reader, String name, String value, int line) {

        /** The value with ${FIXTURES} and ${UNREADABLE} put in. */
        public String value(String fixtures, String unreadable) {
            return value.replace(FIXTURES, fixtures).replace(UNREADABLE, unreadable);
        }

        public boolean needsUnreadableFile() {
            return value.contains(UNREADABLE);
        }

        @Override
        public String toString() {
            return name + "=\"" + value + "\" ([" + reader.section + "], bad-settings.txt:" + line + ")";
        }
    }

    /** Where the table is, from the repository root. */
    public static final String PATH = "tests/src/test/resources/bad-settings.txt";
    private static final String FIXTURES = "${FIXTURES}";
    private static final String UNREADABLE = "${UNREADABLE}";
    private static final String ANY_VALUE = "any value";
    private static final String FILES = "files";
    private static final Pattern SECTION = Pattern.compile("\\[(.+)]");
    private static final Pattern ROW = Pattern.compile("([A-Z][A-Z0-9_]*)=(.*)");
    private static final Pattern ANY_VALUE_ROW = Pattern.compile("([A-Z][A-Z0-9_]*): *(\\S.*)");
    /** A backticked variable name in the first cell of a README table row. */
    private static final Pattern VARIABLE = Pattern.compile("`([A-Z][A-Z0-9_]*)`");

    public final List<Row> rows;
    /** Variables no value of which is bad, with the reason. */
    public final Map<String, String> anyValue;
    /** File name in ${FIXTURES} to its content. */
    public final Map<String, String> files;

    private BadSettingsTable(List<Row> rows, Map<String, String> anyValue, Map<String, String> files) {
        this.rows = List.copyOf(rows);
        this.anyValue = Map.copyOf(anyValue);
        this.files = Map.copyOf(files);
    }

    /** The table of the repository at {@code root}. */
    public static BadSettingsTable load(Path root) {
        try {
            return parse(Files.readString(root.resolve(PATH)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static BadSettingsTable parse(String text) {
        List<Row> rows = new ArrayList<>();
        Map<String, String> anyValue = new LinkedHashMap<>();
        Map<String, String> files = new LinkedHashMap<>();
        String section = null;
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int number = i + 1;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher header = SECTION.matcher(line);
            if (header.matches()) {
                section = header.group(1);
                continue;
            }
            if (ANY_VALUE.equals(section)) {
                Matcher row = ANY_VALUE_ROW.matcher(line);
                check(row.matches(), number, "expected NAME: REASON under [any value], got: " + line);
                anyValue.put(row.group(1), row.group(2));
                continue;
            }
            int equals = line.indexOf('=');
            check(equals > 0, number, "expected NAME=VALUE, got: " + line);
            if (FILES.equals(section)) {
                files.put(line.substring(0, equals), line.substring(equals + 1).replace("\\n", "\n"));
                continue;
            }
            Matcher row = ROW.matcher(line);
            check(row.matches(), number, "expected NAME=VALUE with NAME in capitals, got: " + line);
            check(!row.group(2).contains("\t"), number, "a value holds no tab (the image's runner splits at tabs)");
            rows.add(new Row(reader(section, number), row.group(1), unquoted(row.group(2)), number));
        }
        return new BadSettingsTable(rows, anyValue, files);
    }

    private static String unquoted(String value) {
        boolean quoted = value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"");
        return quoted ? value.substring(1, value.length() - 1) : value;
    }

    private static Reader reader(String section, int line) {
        for (Reader reader : Reader.values()) {
            if (reader.section.equals(section)) {
                return reader;
            }
        }
        throw new IllegalStateException("bad-settings.txt:" + line + ": a row outside a known section ([" + section + "])");
    }

    private static void check(boolean condition, int line, String problem) {
        if (!condition) {
            throw new IllegalStateException("bad-settings.txt:" + line + ": " + problem);
        }
    }

    /** Every variable the README documents: the names in the first column of each table whose first header is "variable". */
    public static Set<String> documentedVariables(String readme) {
        Set<String> names = new LinkedHashSet<>();
        boolean inTable = false;
        for (String line : readme.lines().toList()) {
            if (!line.startsWith("|")) {
                inTable = false;
                continue;
            }
            String firstCell = line.split("\\|", -1)[1].trim();
            if (firstCell.equals("variable")) {
                inTable = true;
            } else if (inTable) {
                Matcher name = VARIABLE.matcher(firstCell);
                while (name.find()) {
                    names.add(name.group(1));
                }
            }
        }
        return names;
    }

    /** Writes the [files] into {@code dir} (the runs' ${FIXTURES}). */
    public void writeFiles(Path dir) {
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, String> file : files.entrySet()) {
                Files.writeString(dir.resolve(file.getKey()), file.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the start of a row left: its exit status and output. */
    public record Outcome(int status, String stdout, String stderr) {
    }

    /**
     * The report both runners print (launcher's BadSettingsDriver, tests' bad-settings.sh): for
     * each row in order {@code === N STATUS}, then its stderr lines as {@code 2| LINE} and its
     * stdout lines as {@code 1| LINE}.
     */
    public static List<Outcome> outcomes(String report) {
        List<Outcome> outcomes = new ArrayList<>();
        int status = 0;
        StringBuilder stdout = null;
        StringBuilder stderr = null;
        for (String line : report.lines().toList()) {
            if (line.startsWith("=== ")) {
                if (stdout != null) {
                    outcomes.add(new Outcome(status, stdout.toString(), stderr.toString()));
                }
                status = Integer.parseInt(line.substring(line.lastIndexOf(' ') + 1));
                stdout = new StringBuilder();
                stderr = new StringBuilder();
            } else if (stdout != null && line.startsWith("1| ")) {
                stdout.append(line.substring(3)).append('\n');
            } else if (stdout != null && line.startsWith("2| ")) {
                stderr.append(line.substring(3)).append('\n');
            }
        }
        if (stdout != null) {
            outcomes.add(new Outcome(status, stdout.toString(), stderr.toString()));
        }
        return outcomes;
    }

    /**
     * README, Environment variables: exit status 2, one line on stderr that starts with
     * "error: NAME:" (or "error: FILE:" for the file the value names), no stack trace anywhere.
     *
     * @param value the value as the run had it (fixtures put in)
     */
    public static void assertRejected(Row row, String value, Outcome outcome) {
        String stdout = outcome.stdout();
        String stderr = outcome.stderr();
        String what = row + "\n--- exit " + outcome.status() + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        assertEquals(2, outcome.status(), () -> "exit status 2; " + what);
        List<String> lines = stderr.lines().toList();
        assertEquals(1, lines.size(), () -> "exactly one line on stderr; " + what);
        String line = lines.get(0);
        boolean namesVariable = line.startsWith("error: " + row.name() + ":");
        boolean namesFile = value.startsWith("/") && line.startsWith("error: " + value + ":");
        assertTrue(namesVariable || namesFile, () -> "the line starts with \"error: " + row.name() + ":\""
                + (value.startsWith("/") ? " or \"error: " + value + ":\"" : "") + "; " + what);
        assertFalse(stdout.contains("\tat ") || stderr.contains("\tat "), () -> "no stack trace; " + what);
    }
}
