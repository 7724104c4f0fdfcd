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

    private static final String COLUMNS = "id, title, done";

    private final Database db;

    Todos(Database db) {
        this.db = db;
    }

    List<Todo> list() throws SQLException {
        return statement("SELECT " + COLUMNS + " FROM todo ORDER BY id LIMIT ?", s -> {
            s.setInt(1, LIST_LIMIT);
            try (ResultSet rows = s.executeQuery()) {
                List<Todo> todos = new ArrayList<>();
                while (rows.next()) {
                    todos.add(row(rows));
                }
                return todos;
            }
        });
    }

    Optional<Todo> find(long id) throws SQLException {
        return statement("SELECT " + COLUMNS + " FROM todo WHERE id = ?", s -> {
            s.setLong(1, id);
            return one(s);
        });
    }

    Todo create(String title) throws SQLException {
        return statement("INSERT INTO todo (title) VALUES (?) RETURNING " + COLUMNS, s -> {
            s.setString(1, title);
            return one(s).orElseThrow();
        });
    }

    /** Sets the fields given (null: unchanged); empty when there is no such todo. */
    Optional<Todo> update(long id, String title, Boolean done) throws SQLException {
        return statement("UPDATE todo SET title = coalesce(?, title), done = coalesce(?, done) WHERE id = ?"
                + " RETURNING " + COLUMNS, s -> {
            s.setString(1, title);
            if (done == null) {
                s.setNull(2, Types.BOOLEAN);
            } else {
                s.setBoolean(2, done);
            }
            s.setLong(3, id);
            return one(s);
        });
    }

    /** @return whether there was such a todo */
    boolean delete(long id) throws SQLException {
        return statement("DELETE FROM todo WHERE id = ?", s -> {
            s.setLong(1, id);
            return s.executeUpdate() > 0;
        });
    }

    /** What a statement is used for, between preparing it and closing it with its connection. */
    private interface Work<T> {
        T on(PreparedStatement statement) throws SQLException;
    }

    private <T> T statement(String sql, Work<T> work) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement(sql)) {
            return work.on(s);
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
