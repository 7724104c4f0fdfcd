package dev.undertowbase.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.undertowbase.launcher.testing.BadSettingsTable;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The table of bad settings (bad-settings.txt) covers the README: a variable documented there
 * has bad values in the table, or is listed as taking any value with the reason. Without Docker;
 * BadSettingsIT, BadSettingsTest and StartScriptTest run the rows.
 */
class BadSettingsTableTest {

    private final BadSettingsTable table = BadSettingsTable.load(ProjectFiles.root());
    private final Set<String> documented;

    BadSettingsTableTest() throws IOException {
        documented = BadSettingsTable.documentedVariables(Files.readString(ProjectFiles.path("README.md")));
    }

    @Test
    void everyVariableTheReadmeDocumentsHasBadValuesOrIsListedAsTakingAny() {
        Set<String> missing = new TreeSet<>(documented);
        table.rows.forEach(row -> missing.remove(row.name()));
        missing.removeAll(table.anyValue.keySet());
        assertEquals(Set.of(), missing, "README documents these variables, but bad-settings.txt has no row for them:"
                + " add NAME=VALUE rows of bad values under the section of what reads them, or list NAME: REASON"
                + " under [any value]");
    }

    @Test
    void everyVariableOfTheTableIsDocumented() {
        Set<String> undocumented = new TreeSet<>();
        table.rows.forEach(row -> undocumented.add(row.name()));
        undocumented.addAll(table.anyValue.keySet());
        undocumented.removeAll(documented);
        assertEquals(Set.of(), undocumented, "bad-settings.txt has rows for variables no README table documents");
    }

    @Test
    void everyVariableHasSeveralBadValues() {
        Set<String> few = new TreeSet<>();
        for (String name : new LinkedHashSet<>(table.rows.stream().map(BadSettingsTable.Row::name).toList())) {
            if (table.rows.stream().filter(row -> row.name().equals(name)).count() < 2) {
                few.add(name);
            }
        }
        assertEquals(Set.of(), few, "variables with a single bad value in bad-settings.txt");
    }

    @Test
    void theReadmeTablesAreRead() {
        assertTrue(documented.containsAll(Set.of("HOST", "PORT", "MODULE_NAME", "VARIABLE_NAME", "JAVA_OPTS",
                "RELOAD_POLL", "JAVA_DEBUG", "TRAIN_PATHS")), "variables read from README: " + documented);
    }
}
