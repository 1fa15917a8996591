package dev.deckhand.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Copies SQLite's write-ahead log back into the database file on a thread of its own, over a connection
 * of its own, so no command waits for it.
 *
 * <p>Left to SQLite, the commit that takes the log past 1000 pages runs the checkpoint itself, on the
 * committing thread and with the store's one connection held: with the Slack front's two key writes per
 * request that was a commit in a hundred, and it took the claims' p99 from 1 ms to 21 ms at 200
 * requests/s (bench/ack-claims.sh). Here the shared connection's automatic checkpoint is only a
 * backstop for a log this thread could not keep small ({@link #BACKSTOP_PAGES}), and this thread runs
 * a {@code PASSIVE} checkpoint, which waits for no reader or writer, every {@link #EVERY}.
 */
final class WalCheckpointer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WalCheckpointer.class);
    static final Duration EVERY = Duration.ofMillis(250);
    /** About 40 MB of log (4 KiB pages) before a writer checkpoints anyway: this thread stopped or fell behind. */
    static final int BACKSTOP_PAGES = 10_000;

    private final Connection connection;
    private final Duration every;
    private final ScheduledExecutorService thread;

    private WalCheckpointer(Connection connection, Duration every) {
        this.connection = connection;
        this.every = every;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "store-checkpoint");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(this::checkpoint, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts checkpointing the store at {@code url}, which the caller has already put in WAL mode. */
    static WalCheckpointer start(String url, Duration every) throws SQLException {
        return new WalCheckpointer(DriverManager.getConnection(url), every);
    }

    private void checkpoint() {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            r.next();
        } catch (SQLException e) {
            // The writer's backstop keeps the log bounded meanwhile; the next round tries again.
            log.warn("Store checkpoint failed (the next one is in {} ms): {}", every.toMillis(), e.getMessage());
        }
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            connection.close();
        } catch (SQLException e) {
            log.warn("Could not close the store's checkpoint connection: {}", e.getMessage());
        }
    }
}
