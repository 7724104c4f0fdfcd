package dev.undertowbase.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** README, Probes and health checks: the line that tells the image's HEALTHCHECK where the server answers. */
class HealthcheckFileTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        0.0.0.0   | 127.0.0.1 8080 /livez
        ::        | 127.0.0.1 8080 /livez
        127.0.0.2 | 127.0.0.2 8080 /livez
        ::1       | ::1 8080 /livez
        """)
    void aWildcardListenerIsAskedOnLoopback(String host, String line) {
        assertEquals(line + "\n", HealthcheckFile.line(host, 8080, "/livez"));
    }

    @Test
    void anEmptyPathMeansTheProbeIsOff() {
        assertEquals("127.0.0.1 9000 \n", HealthcheckFile.line("0.0.0.0", 9000, ""));
    }

    @Test
    void writeReplacesTheFileReadableByAnyUser() throws Exception {
        Path file = dir.resolve("undertow-base.healthcheck");
        Files.writeString(file, "stale 1 /old\n");

        HealthcheckFile.write(file, "127.0.0.1 8080 /livez\n");

        assertEquals("127.0.0.1 8080 /livez\n", Files.readString(file));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void aTemporaryFileLeftByAnEarlierRunIsReplaced() throws Exception {
        Path file = dir.resolve("undertow-base.healthcheck");
        Files.writeString(HealthcheckFile.temporary(file), "half a li");

        HealthcheckFile.write(file, "127.0.0.1 8080 /livez\n");

        assertEquals("127.0.0.1 8080 /livez\n", Files.readString(file));
        assertFalse(Files.exists(HealthcheckFile.temporary(file), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void aLinkAtTheTemporaryNameIsNotWrittenThrough() throws Exception {
        Path file = dir.resolve("undertow-base.healthcheck");
        Path elsewhere = Files.writeString(dir.resolve("elsewhere"), "untouched\n");
        Files.createSymbolicLink(HealthcheckFile.temporary(file), elsewhere);

        HealthcheckFile.write(file, "127.0.0.1 8080 /livez\n");

        assertEquals("untouched\n", Files.readString(elsewhere));
        assertEquals("127.0.0.1 8080 /livez\n", Files.readString(file));
    }

    @Test
    void aDirectoryThatCannotBeWrittenIsNoError() {
        Path file = dir.resolve("missing/undertow-base.healthcheck");

        HealthcheckFile.write(file, "127.0.0.1 8080 /livez\n");

        assertFalse(Files.exists(file));
    }
}
