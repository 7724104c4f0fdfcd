package dev.undertowbase.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.undertowbase.launcher.testing.Poll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * README, A blocking app with a database: examples/todo against PostgreSQL, as its compose.yaml
 * runs them. One tag, java25: the example is built FROM it (the slim tags have no java.sql), so
 * running it per tag would test the same image four times; the other tags' blocking handlers
 * are the other image tests' business.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TodoIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** From `docker stop` of the database to the answer it changes, on a busy 2-core machine. */
    private static final Duration FLIP = Duration.ofSeconds(30);

    private TodoPair pair;

    @BeforeAll
    void startThePair() {
        assumeTrue(Images.tags().contains(TodoPair.TAG),
                "examples/todo runs on " + TodoPair.TAG + ", which is not among the tags under test (-Dimages)");
        pair = TodoPair.start();
    }

    @AfterAll
    void stopThePair() {
        if (pair != null) {
            pair.close();
        }
    }

    @Test
    void createListDeleteRoundTrip() {
        String title = "buy milk " + UUID.randomUUID();
        HttpResponse<String> created = send("POST", "/todos", "{\"title\":\"" + title + "\"}");
        assertEquals(201, created.statusCode(), created::body);
        JsonNode todo = json(created);
        long id = todo.path("id").asLong();
        assertEquals(title, todo.path("title").asText(), created::body);
        assertFalse(todo.path("done").asBoolean(true), created::body);
        assertEquals(Optional.of("/todos/" + id), created.headers().firstValue("Location"));

        assertTrue(listed(id), "the new todo is listed");
        HttpResponse<String> found = send("GET", "/todos/" + id, null);
        assertEquals(200, found.statusCode(), found::body);
        assertEquals(title, json(found).path("title").asText());

        HttpResponse<String> deleted = send("DELETE", "/todos/" + id, null);
        assertEquals(204, deleted.statusCode(), deleted::body);
        assertEquals(404, send("GET", "/todos/" + id, null).statusCode());
        assertFalse(listed(id), "the deleted todo is no longer listed");
        assertEquals(404, send("DELETE", "/todos/" + id, null).statusCode(), "a second delete finds nothing");
    }

    @Test
    void withoutTheDatabaseTheApiAnswers503AndRecoversWhenItReturns() {
        pair.stopDatabase();
        try {
            HttpResponse<String> down = send("GET", "/todos", null);
            assertEquals(503, down.statusCode(), () -> down.body() + "\n" + pair.logs());
            assertEquals("database unavailable", json(down).path("error").asText());
        } finally {
            pair.startDatabase();
        }
        // The pool drops the connections the restart broke and makes new ones.
        Poll.until(FLIP, () -> "GET /todos to answer 200 again; " + pair.logs(),
                () -> send("GET", "/todos", null).statusCode() == 200);
        HttpResponse<String> created = send("POST", "/todos", "{\"title\":\"after the restart\"}");
        assertEquals(201, created.statusCode(), created::body);
    }

    @Test
    void readinessFollowsTheDatabaseWhileLivenessHolds() {
        HttpResponse<String> ready = send("GET", "/readyz", null);
        assertFalse(ready.statusCode() == 404 && ready.body().contains("\"error\""),
                "probes not in this image: /readyz reached the app (404 from examples/todo), so "
                        + Images.name(TodoPair.TAG) + " does not answer README's Probes and health checks");
        assertEquals(200, ready.statusCode(), () -> ready.body() + "\n" + pair.logs());
        assertEquals("app.Main:ready", pair.app().config().path("ready_check").asText(),
                "the check is found next to the handler");

        pair.stopDatabase();
        try {
            awaitStatus("/readyz", 503);
            HttpResponse<String> live = send("GET", "/livez", null);
            assertEquals(200, live.statusCode(), () -> "the process lives on without its database; " + live.body());
        } finally {
            pair.startDatabase();
        }
        awaitStatus("/readyz", 200);
        // Ready means the API works: no retry here.
        HttpResponse<String> created = send("POST", "/todos", "{\"title\":\"ready again\"}");
        assertEquals(201, created.statusCode(), () -> created.body() + "\n" + pair.logs());
        assertTrue(pair.app().stderr().contains("Readiness answers 503: the app's ready check"),
                () -> "the reason is logged; " + pair.logs());
    }

    private void awaitStatus(String path, int status) {
        Poll.until(FLIP, () -> "GET " + path + " to answer " + status + "; " + pair.logs(),
                () -> send("GET", path, null).statusCode() == status);
    }

    private boolean listed(long id) {
        HttpResponse<String> list = send("GET", "/todos", null);
        assertEquals(200, list.statusCode(), list::body);
        for (JsonNode todo : json(list)) {
            if (todo.path("id").asLong() == id) {
                return true;
            }
        }
        return false;
    }

    private HttpResponse<String> send(String method, String path, String body) {
        return Http.send(method, pair.app().uri(path), body);
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }
}
