package app;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The table {@code todo} over JDBC: each call takes a pooled connection and gives it back. */
final class Todos {

    /** The most a list answers with: a limit on what one request can make the app hold. */
    static final int LIST_LIMIT = 1000;

    private final Database db;

    Todos(Database db) {
        this.db = db;
    }

    List<Todo> list() throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT id, title, done FROM todo ORDER BY id LIMIT ?")) {
            s.setInt(1, LIST_LIMIT);
            try (ResultSet rows = s.executeQuery()) {
                List<Todo> todos = new ArrayList<>();
                while (rows.next()) {
                    todos.add(row(rows));
                }
                return todos;
            }
        }
    }

    Optional<Todo> find(long id) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT id, title, done FROM todo WHERE id = ?")) {
            s.setLong(1, id);
            return one(s);
        }
    }

    Todo create(String title) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("INSERT INTO todo (title) VALUES (?) RETURNING id, title, done")) {
            s.setString(1, title);
            return one(s).orElseThrow();
        }
    }

    /** Sets the fields given (null: unchanged); empty when there is no such todo. */
    Optional<Todo> update(long id, String title, Boolean done) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("UPDATE todo SET title = coalesce(?, title),"
                     + " done = coalesce(?, done) WHERE id = ? RETURNING id, title, done")) {
            s.setString(1, title);
            if (done == null) {
                s.setNull(2, Types.BOOLEAN);
            } else {
                s.setBoolean(2, done);
            }
            s.setLong(3, id);
            return one(s);
        }
    }

    /** @return whether there was such a todo */
    boolean delete(long id) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("DELETE FROM todo WHERE id = ?")) {
            s.setLong(1, id);
            return s.executeUpdate() > 0;
        }
    }

    private static Optional<Todo> one(PreparedStatement s) throws SQLException {
        try (ResultSet rows = s.executeQuery()) {
            return rows.next() ? Optional.of(row(rows)) : Optional.empty();
        }
    }

    private static Todo row(ResultSet rows) throws SQLException {
        return new Todo(rows.getLong(1), rows.getString(2), rows.getBoolean(3));
    }
}
