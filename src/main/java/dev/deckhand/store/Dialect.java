package dev.deckhand.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;

/**
 * What differs between the two databases Deckhand runs on. Everything else, queries and schema
 * alike, is written once in SQL both accept ({@code ON CONFLICT ... DO NOTHING / DO UPDATE}, times as
 * ISO text or epoch milliseconds, no engine-specific functions).
 */
public enum Dialect {

    /** One process serves a team: a file in WAL mode, writers serialised by SQLite itself. */
    SQLITE {
        @Override
        String schema(String sql) {
            return sql;
        }

        @Override
        void lockMigrations(Connection c) {
            // Every transaction starts with BEGIN IMMEDIATE (transaction_mode=IMMEDIATE), which already
            // holds the file's write lock: a second process waits at the start of the same transaction.
        }

        @Override
        boolean isTransient(SQLException e) {
            // SQLITE_BUSY (5) and SQLITE_LOCKED (6): another connection, usually another process such as
            // `deckhand scan`, holds the write lock longer than busy_timeout.
            return e.getErrorCode() == 5 || e.getErrorCode() == 6
                    || e.getMessage() != null && (e.getMessage().contains("SQLITE_BUSY") || e.getMessage().contains("SQLITE_LOCKED"));
        }
    },

    /** Several replicas share one server; each transaction borrows a pooled connection. */
    POSTGRESQL {
        /** Serialization failure, deadlock, lock not available: the transaction did nothing and may be run again. */
        private static final Set<String> RETRYABLE = Set.of("40001", "40P01", "55P03");
        /** Arbitrary but fixed: every Deckhand replica takes the same advisory lock to migrate. */
        private static final long MIGRATION_LOCK = 0x4465636B68616E64L; // "Deckhand"

        @Override
        String schema(String sql) {
            return sql.replaceAll("(?i)INTEGER\\s+PRIMARY\\s+KEY\\s+AUTOINCREMENT", "BIGSERIAL PRIMARY KEY");
        }

        @Override
        void lockMigrations(Connection c) throws SQLException {
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
            }
        }

        @Override
        boolean isTransient(SQLException e) {
            return e.getSQLState() != null && RETRYABLE.contains(e.getSQLState());
        }
    };

    /** The dialect a JDBC url names. @throws IllegalArgumentException for any other database */
    public static Dialect of(String url) {
        if (url.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("store.url must start with jdbc:sqlite: or jdbc:postgresql:, got '"
                + url.replaceAll("//[^/@]*@", "//****@") + "'");
    }

    /** A migration's statements as this database spells them (only SQLite's AUTOINCREMENT differs today). */
    abstract String schema(String sql);

    /** Holds, until the current transaction ends, the lock that lets one process at a time migrate. */
    abstract void lockMigrations(Connection c) throws SQLException;

    /** True when the failure means "someone else holds a lock, try again", not a broken statement. */
    abstract boolean isTransient(SQLException e);
}
