package dev.undertowbase.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A compose file's services, read with a YAML parser: so that the image tests run containers as
 * the file describes them without needing {@code docker compose} on the machine.
 */
record ComposeFile(Path file, JsonNode root) {

    static ComposeFile read(Path file) {
        try {
            return new ComposeFile(file, new ObjectMapper(new YAMLFactory()).readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The service's node; fails naming the file when there is no such service. */
    JsonNode service(String name) {
        JsonNode service = root.path("services").path(name);
        if (!service.isObject()) {
            throw new AssertionError(file + " has no service " + name);
        }
        return service;
    }

    /** The service's {@code environment} (a map, as this project writes it). */
    Map<String, String> environment(String service) {
        Map<String, String> env = new LinkedHashMap<>();
        service(service).path("environment").properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
        return env;
    }
}
