package dev.undertowbase.tests;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * The launcher's configuration line: the one line of stdout that is a JSON object with an
 * {@code app_module} key (with LOG_FORMAT=json the access lines on stdout are JSON objects too).
 */
final class JsonLine {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonLine() {
    }

    static JsonNode in(String stdout) {
        List<String> lines = stdout.lines().map(String::strip)
                .filter(line -> line.startsWith("{") && line.endsWith("}") && line.contains("\"app_module\":"))
                .toList();
        if (lines.size() != 1) {
            throw new AssertionError("expected exactly one JSON line on stdout, found " + lines.size()
                    + "; stdout was:\n" + stdout);
        }
        try {
            return MAPPER.readTree(lines.get(0));
        } catch (JsonProcessingException e) {
            throw new AssertionError("the JSON line does not parse: " + lines.get(0), e);
        }
    }
}
