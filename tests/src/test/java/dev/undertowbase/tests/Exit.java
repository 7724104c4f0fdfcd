package dev.undertowbase.tests;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;

/** What a container that ran to its end left behind. */
record Exit(long code, String stdout, String stderr, Duration runtime) {

    JsonNode config() {
        return JsonLine.in(stdout);
    }

    List<String> stderrLines() {
        return stderr.lines().filter(line -> !line.isBlank()).toList();
    }

    String logs() {
        return "--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr;
    }
}
