package dev.undertowbase.tests;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;

/**
 * What a container that ran to its end left behind.
 *
 * @param output stdout and stderr interleaved in the order they were written
 */
record Exit(long code, String stdout, String stderr, String output, Duration runtime) {

    JsonNode config() {
        return JsonLine.in(stdout);
    }

    /** The non-blank lines on stderr (start.sh's progress lines go to stdout). */
    List<String> stderrLines() {
        return stderr.lines().filter(line -> !line.isBlank()).toList();
    }

    String logs() {
        return "--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr;
    }
}
