package dev.deckhand.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The write-ahead log is copied back by the store's own thread, never by a command's commit. */
class WalCheckpointerTest {

    private static final long MIB = 1024 * 1024;

    @TempDir
    Path temp;

    /** 200 commits of 10 rows of 4 KiB: about 2,000 log pages, twice what makes SQLite's writer checkpoint by default. */
    private static void writeEightMib(Database db) {
        db.read(c -> c.createStatement().execute("CREATE TABLE filler (b BLOB)"));
        for (int i = 0; i < 200; i++) {
            db.read(c -> {
                try (Statement s = c.createStatement()) {
                    return s.executeUpdate("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10) "
                            + "INSERT INTO filler SELECT randomblob(4096) FROM n");
                }
            });
        }
    }

    private static long size(Path file) throws Exception {
        return Files.exists(file) ? Files.size(file) : 0;
    }

    /** The store at {@code file}, its log copied back every {@code checkpointEvery}. */
    private static Database open(Path file, Duration checkpointEvery) {
        return Database.open(StoreTarget.sqlite(file), Database.SQLITE_BUSY_TIMEOUT, Database.RETRY_FOR, checkpointEvery);
    }

    @Test
    void aCommit_neverCopiesTheLogBack_evenPastSqlitesDefaultThousandPages() throws Exception {
        Path file = temp.resolve("d.db");
        try (Database db = open(file, Duration.ofHours(1))) {
            writeEightMib(db);

            assertThat(size(temp.resolve("d.db-wal"))).as("the log holds the writes").isGreaterThan(8 * MIB);
            assertThat(size(file)).as("nothing was copied back on a commit").isLessThan(MIB);
        }
    }

    @Test
    void theCheckpointThread_copiesTheLogBack_whileTheStoreIsOpen() throws Exception {
        Path file = temp.resolve("d.db");
        try (Database db = open(file, Duration.ofMillis(50))) {
            writeEightMib(db);

            waitUntil(() -> size(file) > 8 * MIB);
            assertThat(size(file)).as("the log was copied back").isGreaterThan(8 * MIB);
            int rows = db.read(c -> {
                try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT COUNT(*) FROM filler")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertThat(rows).isEqualTo(2000);
        }
    }

    @Test
    void closing_stopsTheCheckpointThread() throws Exception {
        try (Database db = Database.open(temp.resolve("d.db"))) {
            assertThat(Thread.getAllStackTraces().keySet()).anyMatch(t -> t.getName().equals("store-checkpoint"));
        }
        waitUntil(() -> Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("store-checkpoint")));
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("store-checkpoint"));
    }

    private static void waitUntil(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.call() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}
