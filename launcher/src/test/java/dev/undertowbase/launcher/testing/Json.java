package dev.undertowbase.launcher.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/** Strict parsing of JSON log lines: a line that is not exactly one JSON object fails the test. */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    public static JsonNode parse(String line) {
        try {
            JsonNode node = MAPPER.readTree(line);
            if (node == null || !node.isObject()) {
                throw new AssertionError("not a JSON object: " + line);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new AssertionError("not one JSON object: " + line, e);
        }
    }

    /** Every line parsed. */
    public static List<JsonNode> lines(String text) {
        return text.lines().filter(line -> !line.isBlank()).map(Json::parse).toList();
    }
}
