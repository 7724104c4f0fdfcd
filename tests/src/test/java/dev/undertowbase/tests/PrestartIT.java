package dev.undertowbase.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.undertowbase.launcher.testing.Poll;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;

/**
 * README, JVM sizing (Prestart): the prestart script is sourced before the server starts, every
 * time the container starts.
 */
@EveryTag
class PrestartIT {

    static final String EXPORTING_SCRIPT = """
            echo "prestart: migrating the database"
            export FROM_PRESTART="set by prestart.sh"
            """;

    @Parameter
    String tag;

    @Test
    void defaultScriptRunsAndItsExportsReachTheApp() {
        try (Server server = ImageRun.of(tag).app(TestApps.jarApp(TestApps.DIAG))
                .script("/app/prestart.sh", EXPORTING_SCRIPT).start()) {
            String output = server.output();
            assertTrue(output.contains("Checking for script in /app/prestart.sh"), output);
            assertTrue(output.contains("Running script /app/prestart.sh"), output);
            assertTrue(output.contains("prestart: migrating the database"), output);
            assertTrue(output.indexOf("prestart: migrating") < output.indexOf("-jar " + Output.LAUNCHER_JAR),
                    () -> "the script runs before java; " + output);
            assertEquals("set by prestart.sh", server.get("/env/FROM_PRESTART").body());
        }
    }

    @Test
    void prestartPathMovesTheScript() {
        try (Server server = ImageRun.of(tag).app(TestApps.jarApp(TestApps.DIAG))
                .env("PRE_START_PATH", "/app/scripts/before.sh")
                .script("/app/scripts/before.sh", EXPORTING_SCRIPT)
                .script("/app/prestart.sh", "echo \"prestart: the default script ran\"\n").start()) {
            String output = server.output();
            assertTrue(output.contains("Checking for script in /app/scripts/before.sh"), output);
            assertTrue(output.contains("Running script /app/scripts/before.sh"), output);
            assertFalse(output.contains("the default script ran"), output);
            assertEquals("set by prestart.sh", server.get("/env/FROM_PRESTART").body());
        }
    }

    @Test
    void failingScriptStopsTheContainer() {
        Exit exit = ImageRun.of(tag).app(TestApps.jarApp(TestApps.HELLO))
                .script("/app/prestart.sh", "echo \"prestart: database unreachable\" >&2\nexit 3\n").run();
        assertNotEquals(0, exit.code(), exit::logs);
        assertTrue(exit.stderr().contains("prestart: database unreachable"), exit::logs);
        assertFalse(exit.output().contains("-jar " + Output.LAUNCHER_JAR), () -> "java never started; " + exit.logs());
    }

    @Test
    void failingCommandInScriptStopsTheContainer() {
        Exit exit = ImageRun.of(tag).app(TestApps.jarApp(TestApps.HELLO))
                .script("/app/prestart.sh", "echo \"prestart: copying\"\ncp /nonexistent /tmp/\necho \"prestart: after\"\n")
                .run();
        assertNotEquals(0, exit.code(), exit::logs);
        assertTrue(exit.stderr().contains("/nonexistent"), () -> "cp's own message; " + exit.logs());
        assertFalse(exit.output().contains("prestart: after"), () -> "set -e stops the script; " + exit.logs());
        assertFalse(exit.output().contains("-jar " + Output.LAUNCHER_JAR), () -> "java never started; " + exit.logs());
    }

    @Test
    void restartRunsTheScriptAgain() {
        try (Server server = ImageRun.of(tag).app(TestApps.jarApp(TestApps.HELLO))
                .script("/app/prestart.sh", "echo \"prestart: run\"\n").start()) {
            assertEquals(1, Output.count(server.output(), "prestart: run"));
            server.restart();
            Poll.until(Duration.ofSeconds(30), () -> "a second start; " + server.logs(),
                    () -> Output.count(server.stderr(), "Listening on") == 2);
            String output = server.output();
            assertEquals(2, Output.count(output, "Running script /app/prestart.sh"), output);
            assertEquals(2, Output.count(output, "prestart: run"), output);
        }
    }
}
