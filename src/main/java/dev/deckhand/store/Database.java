package dev.deckhand.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Deckhand's store, brought to the newest schema by {@link Migrations} at open.
 *
 * <p>SQLite (the default, one process per team): one connection, shared and guarded by a lock, in WAL
 * mode so readers never block the writer; every transaction begins {@code IMMEDIATE} so two processes
 * on one file (the bot and {@code deckhand scan}) queue at its start instead of failing half-way.
 * PostgreSQL (several replicas): a HikariCP pool, one connection per call.
 *
 * <p>Work that failed only because another process held a lock (SQLite busy past its own timeout, a
 * PostgreSQL serialization failure or deadlock) is run again with growing pauses for a bounded time,
 * so a busy moment never reaches a user as an error.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);
    /** How long SQLite itself waits for a lock before answering busy. */
    static final Duration SQLITE_BUSY_TIMEOUT = Duration.ofSeconds(5);
    /** How long a transient failure is retried in all, beyond SQLite's own wait. */
    static final Duration RETRY_FOR = Duration.ofSeconds(30);
    private static final long MAX_PAUSE_MILLIS = 500;

    private final StoreTarget target;
    private final Connections connections;
    private final Duration retryFor;

    private Database(StoreTarget target, Connections connections, Duration retryFor) {
        this.target = target;
        this.connections = connections;
        this.retryFor = retryFor;
    }

    /** SQLite at {@code path} (created with its folder). */
    public static Database open(Path path) {
        return open(StoreTarget.sqlite(path));
    }

    public static Database open(StoreTarget target) {
        return open(target, SQLITE_BUSY_TIMEOUT, RETRY_FOR);
    }

    /** With shorter waits, so tests see the retry work without waiting seconds. */
    static Database open(StoreTarget target, Duration sqliteBusyTimeout, Duration retryFor) {
        return open(target, sqliteBusyTimeout, retryFor, WalCheckpointer.EVERY);
    }

    /** @param checkpointEvery how often SQLite's write-ahead log is copied back, off the writers' path ({@link WalCheckpointer}) */
    static Database open(StoreTarget target, Duration sqliteBusyTimeout, Duration retryFor, Duration checkpointEvery) {
        Connections connections = switch (target.dialect()) {
            case SQLITE -> SharedConnection.open(target, sqliteBusyTimeout, retryFor, checkpointEvery);
            case POSTGRESQL -> new Pool(target);
        };
        Database db = new Database(target, connections, retryFor);
        try {
            Migrations.apply(db);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    public Dialect dialect() {
        return target.dialect();
    }

    /** Where the store is, safe to print (no password). */
    public String describe() {
        return target.safeUrl();
    }

    /**
     * Runs work on a connection in auto-commit mode, one statement at a time. Use it for a single
     * statement or for reads only: after a transient failure the whole work is run again.
     */
    public <T> T read(SqlWork<T> work) {
        return retrying(() -> connections.with(work));
    }

    /**
     * Runs read-only work. On SQLite it gets a reader connection of its own, so it never queues behind the
     * writer: the one shared connection's lock was where the Slack threads waited under load (JFR, 2,600 waits
     * of 10 ms or more in 40 s: acks' key writes behind workers' role and region reads), and WAL lets readers
     * run beside a write. A reader sees every commit that returned before it began. Writing through it fails
     * ({@code query_only}).
     */
    public <T> T query(SqlWork<T> work) {
        return retrying(() -> connections.query(work));
    }

    /** Runs work in one transaction: all of it is stored, or none. Retried whole after a transient failure. */
    public <T> T transaction(SqlWork<T> work) {
        return retrying(() -> connections.with(c -> inTransaction(c, work)));
    }

    /**
     * Commits by returning to auto-commit ({@code setAutoCommit(true)} commits, per JDBC) rather than
     * with {@code commit()}: SQLite's driver follows {@code commit()} with a fresh {@code BEGIN
     * IMMEDIATE}, which can fail busy <em>after</em> the commit succeeded, and the retry would then
     * apply the work twice.
     */
    private static <T> T inTransaction(Connection c, SqlWork<T> work) throws SQLException {
        try {
            c.setAutoCommit(false);
        } catch (SQLException e) {
            restoreAutoCommit(c);
            throw e;
        }
        try {
            T result = work.run(c);
            c.setAutoCommit(true);
            return result;
        } catch (SQLException | RuntimeException e) {
            rollback(c, e);
            throw e;
        } finally {
            restoreAutoCommit(c);
        }
    }

    /** Undoes the open transaction, also when the driver already believes it is in auto-commit (a failed commit). */
    private static void rollback(Connection c, Exception cause) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
            } else {
                try (Statement s = c.createStatement()) {
                    s.execute("ROLLBACK");
                }
            }
        } catch (SQLException noTransaction) {
            // Nothing was open any more: the failure happened before or with the commit.
            cause.addSuppressed(noTransaction);
        }
    }

    private static void restoreAutoCommit(Connection c) {
        try {
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            log.warn("Could not return a store connection to auto-commit: {}", e.getMessage());
        }
    }

    private <T> T retrying(Attempt<T> attempt) {
        long deadline = System.nanoTime() + retryFor.toNanos();
        long pause = 10;
        for (int tries = 1; ; tries++) {
            try {
                return attempt.run();
            } catch (SQLException e) {
                if (!dialect().isTransient(e)) {
                    throw new StoreException("Database error: " + e.getMessage(), e);
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new StoreException("The store at " + describe() + " stayed locked by another process for "
                            + retryFor.toSeconds() + " s (" + tries + " tries): " + e.getMessage(), e);
                }
                log.debug("Store busy (try {}): {}; retrying", tries, e.getMessage());
                sleep(pause + ThreadLocalRandom.current().nextLong(pause));
                pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("Interrupted while waiting for the store", e);
        }
    }

    @Override
    public void close() {
        try {
            connections.close();
        } catch (SQLException e) {
            throw new StoreException("Cannot close the store: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private interface Attempt<T> {
        T run() throws SQLException;
    }

    /** Where connections come from: SQLite's one shared connection, or PostgreSQL's pool. */
    private interface Connections {
        <T> T with(SqlWork<T> work) throws SQLException;

        /** Read-only work; by default on the same connections as {@link #with}. */
        default <T> T query(SqlWork<T> work) throws SQLException {
            return with(work);
        }

        void close() throws SQLException;
    }

    private static final class SharedConnection implements Connections {
        /** Reader connections: reads are short, so a few serve every thread; more would only hold file handles. */
        static final int READERS = 4;

        private final Connection connection;
        private final WalCheckpointer checkpointer;
        private final BlockingQueue<Connection> readers;
        private final Object lock = new Object();

        private SharedConnection(Connection connection, WalCheckpointer checkpointer, BlockingQueue<Connection> readers) {
            this.connection = connection;
            this.checkpointer = checkpointer;
            this.readers = readers;
        }

        /**
         * @param retryFor how long to keep trying to switch a fresh file to WAL: the switch needs the
         *                 file to itself and answers busy at once (busy_timeout does not apply) when
         *                 another process is opening the same new store at that moment
         */
        static SharedConnection open(StoreTarget target, Duration busyTimeout, Duration retryFor, Duration checkpointEvery) {
            Path file = target.sqliteFile();
            try {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Properties properties = new Properties();
                properties.setProperty("transaction_mode", "IMMEDIATE");
                // Nothing reads generated keys; with this on, the driver matched every update's SQL against a
                // pattern to find out whether to fetch them (5% of the Slack threads' CPU under load in JFR).
                properties.setProperty("jdbc.get_generated_keys", "false");
                Connection connection = DriverManager.getConnection(target.url(), properties);
                try (Statement s = connection.createStatement()) {
                    s.execute("PRAGMA busy_timeout=" + busyTimeout.toMillis());
                    walMode(s, retryFor);
                    s.execute("PRAGMA foreign_keys=ON");
                    s.execute("PRAGMA synchronous=NORMAL");
                    s.execute("PRAGMA wal_autocheckpoint=" + WalCheckpointer.BACKSTOP_PAGES);
                }
                BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
                try {
                    for (int i = 0; i < READERS; i++) {
                        readers.add(reader(target, busyTimeout));
                    }
                    return new SharedConnection(connection, WalCheckpointer.start(target.url(), checkpointEvery), readers);
                } catch (SQLException e) {
                    for (Connection reader : readers) {
                        reader.close();
                    }
                    connection.close();
                    throw e;
                }
            } catch (SQLException | IOException e) {
                throw new StoreException("Cannot open the database at " + file + ": " + e.getMessage(), e);
            }
        }

        private static Connection reader(StoreTarget target, Duration busyTimeout) throws SQLException {
            Properties properties = new Properties();
            properties.setProperty("jdbc.get_generated_keys", "false");
            Connection reader = DriverManager.getConnection(target.url(), properties);
            try (Statement s = reader.createStatement()) {
                s.execute("PRAGMA busy_timeout=" + busyTimeout.toMillis());
                s.execute("PRAGMA query_only=1");
            }
            return reader;
        }

        private static void walMode(Statement s, Duration retryFor) throws SQLException {
            long deadline = System.nanoTime() + retryFor.toNanos();
            long pause = 10;
            while (true) {
                try {
                    s.execute("PRAGMA journal_mode=WAL");
                    return;
                } catch (SQLException e) {
                    if (!Dialect.SQLITE.isTransient(e) || System.nanoTime() - deadline > 0) {
                        throw e;
                    }
                    sleep(pause + ThreadLocalRandom.current().nextLong(pause));
                    pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
                }
            }
        }

        @Override
        public <T> T with(SqlWork<T> work) throws SQLException {
            synchronized (lock) {
                return work.run(connection);
            }
        }

        @Override
        public <T> T query(SqlWork<T> work) throws SQLException {
            Connection reader;
            try {
                reader = readers.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("Interrupted while waiting for a store reader", e);
            }
            try {
                return work.run(reader);
            } finally {
                readers.add(reader);
            }
        }

        @Override
        public void close() throws SQLException {
            checkpointer.close();
            for (Connection reader : readers) {
                reader.close();
            }
            synchronized (lock) {
                connection.close(); // the last connection to close checkpoints what is left
            }
        }
    }

    private static final class Pool implements Connections {
        private final HikariDataSource pool;

        Pool(StoreTarget target) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(target.url());
            target.user().ifPresent(config::setUsername);
            target.password().ifPresent(config::setPassword);
            config.setPoolName("deckhand-store");
            config.setMaximumPoolSize(10);
            config.setMinimumIdle(1);
            config.setConnectionTimeout(Duration.ofSeconds(10).toMillis());
            // Fail at open, with the server's reason, rather than at the first command; a few seconds
            // cover a server that is just starting, the orchestrator's restart covers a longer outage.
            config.setInitializationFailTimeout(Duration.ofSeconds(3).toMillis());
            try {
                this.pool = new HikariDataSource(config);
            } catch (RuntimeException e) {
                String reason = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
                throw new StoreException("Cannot connect to the store at " + target.safeUrl() + ": "
                        + reason.replaceAll("\\.+$", "") + ". Check store.url and " + StoreTarget.USER_ENV + " / "
                        + StoreTarget.PASSWORD_ENV + ".", e);
            }
        }

        @Override
        public <T> T with(SqlWork<T> work) throws SQLException {
            try (Connection c = pool.getConnection()) {
                return work.run(c);
            }
        }

        @Override
        public void close() {
            pool.close();
        }
    }
}
