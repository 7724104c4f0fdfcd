package dev.undertowbase.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

/**
 * README, Environment variables: bad input stops the start with one line on stderr naming what is
 * wrong and exit status 2, never a stack trace; and it stops at once, with no retry or hang.
 */
final class Rejections {

    /**
     * "At once": no retry loop or hang. Measured from the container's (or exec's) start to its end,
     * the bound also holds JVM start-up (and for a port in use, the Undertow start) on a loaded
     * 2-core machine.
     */
    static final Duration FAST = Duration.ofSeconds(6);

    private Rejections() {
    }

    static void assertRejected(Exit exit, String... fragments) {
        assertEquals(2, exit.code(), () -> "exit status; " + exit.logs());
        List<String> lines = exit.stderrLines();
        assertEquals(1, lines.size(), () -> "exactly one line on stderr; " + exit.logs());
        String line = lines.get(0);
        assertTrue(line.startsWith("error: "), () -> "the line starts with \"error: \": " + line);
        for (String fragment : fragments) {
            assertTrue(line.contains(fragment), () -> "the line names " + fragment + ": " + line);
        }
        assertFalse(exit.stdout().contains("Exception") || exit.stderr().contains("Exception"),
                () -> "no exception or stack trace; " + exit.logs());
        assertFalse(exit.stdout().contains("Listening on"), () -> "never listened; " + exit.logs());
        assertTrue(exit.runtime().compareTo(FAST) < 0, () -> "rejected within " + FAST + ", took " + exit.runtime());
    }
}
