package dev.deckhand.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The SQLite file behind Deckhand: opened once in WAL mode (readers never block the writer), brought
 * to the newest schema by {@link Migrations} at start. One connection is shared and guarded by a
 * lock: SQLite serialises writers anyway, and one process serves a team.
 */
public final class Database implements AutoCloseable {

    private final Connection connection;
    private final Object lock = new Object();
    private final Path path;

    private Database(Path path, Connection connection) {
        this.path = path;
        this.connection = connection;
    }

    public static Database open(Path path) {
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + path);
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA busy_timeout=5000");
                s.execute("PRAGMA foreign_keys=ON");
                s.execute("PRAGMA synchronous=NORMAL");
            }
            Database db = new Database(path, connection);
            Migrations.apply(db);
            return db;
        } catch (SQLException | java.io.IOException e) {
            throw new StoreException("Cannot open the database at " + path + ": " + e.getMessage(), e);
        }
    }

    public Path path() {
        return path;
    }

    /** Runs work with the shared connection, one caller at a time. */
    public <T> T read(SqlWork<T> work) {
        synchronized (lock) {
            try {
                return work.run(connection);
            } catch (SQLException e) {
                throw new StoreException("Database error: " + e.getMessage(), e);
            }
        }
    }

    /** Runs work in one transaction: all of it is stored, or none. */
    public <T> T transaction(SqlWork<T> work) {
        synchronized (lock) {
            try {
                connection.setAutoCommit(false);
                try {
                    T result = work.run(connection);
                    connection.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                } finally {
                    connection.setAutoCommit(true);
                }
            } catch (SQLException e) {
                throw new StoreException("Database error: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            try {
                connection.close();
            } catch (SQLException e) {
                throw new StoreException("Cannot close the database: " + e.getMessage(), e);
            }
        }
    }

    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
