package app;

import com.fasterxml.jackson.jr.ob.JSON;
import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.StatusCodes;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON API:
 * <pre>
 * GET    /todos        200 [{"id":1,"title":"milk","done":false}, …]   (by id, at most 1000)
 * POST   /todos        {"title":"milk"}                → 201 the todo, Location: /todos/1
 * GET    /todos/1      200 the todo, or 404
 * PATCH  /todos/1      {"done":true} and/or {"title":…} → 200 the todo, or 404
 * DELETE /todos/1      204, or 404
 * </pre>
 * Errors are {"error":"…"}: 400 for a bad body, 413 above 16 KiB, 503 while the database is
 * unreachable or every connection stays busy for {@code app.db.connection-timeout}.
 *
 * <p>JDBC blocks, so every route runs behind a {@link BlockingHandler}: on the server's worker
 * threads, never on an IO thread (README, Finding your handler).
 */
final class TodoApi implements HttpHandler, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TodoApi.class);
    static final int MAX_BODY = 16 * 1024;
    static final int MAX_TITLE = 500;

    private final Database db;
    private final Todos todos;
    private final HttpHandler handler;

    TodoApi(Database db) {
        this.db = db;
        this.todos = new Todos(db);
        RoutingHandler routes = Handlers.routing()
                .get("/todos", this::list)
                .post("/todos", this::create)
                .get("/todos/{id}", this::find)
                .add(new HttpString("PATCH"), "/todos/{id}", this::update)
                .delete("/todos/{id}", this::delete)
                .setFallbackHandler(ex -> error(ex, StatusCodes.NOT_FOUND, "not found"))
                .setInvalidMethodHandler(ex -> error(ex, StatusCodes.METHOD_NOT_ALLOWED, "method not allowed"));
        this.handler = new BlockingHandler(ex -> unavailableAs503(routes, ex));
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        handler.handleRequest(exchange);
    }

    /** Live reload closes the replaced version (README, Development): its pools go with it. */
    @Override
    public void close() {
        db.close();
    }

    private void list(HttpServerExchange ex) throws SQLException, IOException {
        List<Map<String, Object>> json = todos.list().stream().map(Todo::json).toList();
        send(ex, StatusCodes.OK, json);
    }

    private void create(HttpServerExchange ex) throws SQLException, IOException {
        Optional<Map<String, Object>> body = body(ex);
        if (body.isEmpty()) {
            return;
        }
        Object title = body.get().get("title");
        if (!validTitle(title)) {
            error(ex, StatusCodes.BAD_REQUEST, "title: a non-empty string of at most " + MAX_TITLE + " characters is required");
            return;
        }
        Todo todo = todos.create((String) title);
        ex.getResponseHeaders().put(Headers.LOCATION, "/todos/" + todo.id());
        send(ex, StatusCodes.CREATED, todo.json());
    }

    private void find(HttpServerExchange ex) throws SQLException, IOException {
        OptionalLong id = id(ex);
        sendTodo(ex, id.isPresent() ? todos.find(id.getAsLong()) : Optional.empty());
    }

    private void update(HttpServerExchange ex) throws SQLException, IOException {
        Optional<Map<String, Object>> body = body(ex);
        if (body.isEmpty()) {
            return;
        }
        Object title = body.get().get("title");
        Object done = body.get().get("done");
        if (title != null && !validTitle(title)) {
            error(ex, StatusCodes.BAD_REQUEST, "title: must be a non-empty string of at most " + MAX_TITLE + " characters");
            return;
        }
        if (done != null && !(done instanceof Boolean)) {
            error(ex, StatusCodes.BAD_REQUEST, "done: must be true or false");
            return;
        }
        OptionalLong id = id(ex);
        sendTodo(ex, id.isPresent() ? todos.update(id.getAsLong(), (String) title, (Boolean) done) : Optional.empty());
    }

    private void delete(HttpServerExchange ex) throws SQLException, IOException {
        OptionalLong id = id(ex);
        if (id.isPresent() && todos.delete(id.getAsLong())) {
            ex.setStatusCode(StatusCodes.NO_CONTENT);
            ex.endExchange();
        } else {
            error(ex, StatusCodes.NOT_FOUND, "not found");
        }
    }

    /**
     * A database that cannot be reached (connection refused, the server shutting down, no
     * connection free within the timeout) is the client's 503, not a 500 with a stack trace per
     * request: the readiness check logs the reason once.
     */
    private static void unavailableAs503(HttpHandler routes, HttpServerExchange ex) throws Exception {
        try {
            routes.handleRequest(ex);
        } catch (SQLException e) {
            if (!unavailable(e) || ex.isResponseStarted()) {
                throw e;
            }
            LOG.debug("{} {}: database unavailable", ex.getRequestMethod(), ex.getRequestPath(), e);
            ex.getResponseHeaders().put(Headers.RETRY_AFTER, "1");
            error(ex, StatusCodes.SERVICE_UNAVAILABLE, "database unavailable");
        }
    }

    /** SQLSTATE class 08 (connection exception), 57P (operator intervention: shutdown, restart), or a pool timeout. */
    static boolean unavailable(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLTransientConnectionException
                || state != null && (state.startsWith("08") || state.startsWith("57P"));
    }

    private static boolean validTitle(Object title) {
        return title instanceof String s && !s.isBlank() && s.length() <= MAX_TITLE;
    }

    /** The path's {id}; empty when it is not a number (answered 404 like an unknown id). */
    private static OptionalLong id(HttpServerExchange ex) {
        try {
            return OptionalLong.of(Long.parseLong(ex.getQueryParameters().get("id").getFirst()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** The request's JSON object, or empty after answering 400 or 413. */
    private static Optional<Map<String, Object>> body(HttpServerExchange ex) throws IOException {
        byte[] bytes = ex.getInputStream().readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
            error(ex, StatusCodes.REQUEST_ENTITY_TOO_LARGE, "body: at most " + MAX_BODY + " bytes");
            return Optional.empty();
        }
        try {
            Map<String, Object> json = JSON.std.mapFrom(bytes);
            if (json != null) {
                return Optional.of(json);
            }
        } catch (IOException e) {
            // not a JSON object: answered below
        }
        error(ex, StatusCodes.BAD_REQUEST, "body: a JSON object is required");
        return Optional.empty();
    }

    private static void sendTodo(HttpServerExchange ex, Optional<Todo> todo) throws IOException {
        if (todo.isPresent()) {
            send(ex, StatusCodes.OK, todo.get().json());
        } else {
            error(ex, StatusCodes.NOT_FOUND, "not found");
        }
    }

    private static void error(HttpServerExchange ex, int status, String message) throws IOException {
        send(ex, status, Map.of("error", message));
    }

    private static void send(HttpServerExchange ex, int status, Object json) throws IOException {
        ex.setStatusCode(status);
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        ex.getResponseSender().send(JSON.std.asString(json));
    }
}
