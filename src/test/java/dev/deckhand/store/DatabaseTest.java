package dev.deckhand.store;

import dev.deckhand.testing.StoreBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseTest {

    @TempDir
    Path temp;

    private static int count(Database db, String sql) {
        return db.read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    @Test
    void open_sqlite_appliesEveryMigration_inWalMode() {
        try (Database db = Database.open(temp.resolve("sub/dir/d.db"))) {
            assertThat(db.dialect()).isEqualTo(Dialect.SQLITE);
            assertThat(Migrations.currentVersion(db)).isEqualTo(Migrations.ALL.get(Migrations.ALL.size() - 1).version());
            String mode = db.read(c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            assertThat(mode).isEqualToIgnoringCase("wal");
        }
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void migrations_reopened_areNotAppliedTwice_andDataSurvives(StoreBackend backend) {
        StoreTarget target = backend.fresh(temp);
        try (Database db = Database.open(target)) {
            new ChannelSettings(db).setRegion("C1", "eu-west-1");
        }
        try (Database db = Database.open(target)) {
            assertThat(new ChannelSettings(db).region("C1")).contains("eu-west-1");
            assertThat(count(db, "SELECT COUNT(*) FROM schema_version")).isEqualTo(Migrations.ALL.size());
        }
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void migrations_newOneOnOldStore_isApplied(StoreBackend backend) {
        try (Database db = Database.open(backend.fresh(temp))) {
            Migrations.apply(db, List.of(new Migrations.Migration(99, "test table", "CREATE TABLE later (x INTEGER)")));
            assertThat(Migrations.currentVersion(db)).isEqualTo(99);
            db.read(c -> c.createStatement().execute("INSERT INTO later VALUES (1)"));
        }
    }

    /**
     * Another branch's migration numbered below one already applied (5 merged after 6 shipped) still
     * runs; and plain {@code ALTER TABLE ... ADD COLUMN ... TEXT} (what migration 5 does) works on both.
     */
    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void migrations_lowerVersionMergedLater_isStillApplied(StoreBackend backend) {
        try (Database db = Database.open(backend.fresh(temp))) {
            Migrations.apply(db, List.of(new Migrations.Migration(5, "plans (merged later)", """
                    ALTER TABLE approval_requests ADD COLUMN plan_pin TEXT;
                    ALTER TABLE approval_requests ADD COLUMN plan_json TEXT;
                    ALTER TABLE audit ADD COLUMN approval_id TEXT;
                    ALTER TABLE audit ADD COLUMN plan_json TEXT
                    """)));
            assertThat(count(db, "SELECT COUNT(*) FROM schema_version WHERE version = 5")).isEqualTo(1);
            db.read(c -> c.createStatement().executeUpdate("UPDATE audit SET plan_json = 'x', approval_id = 'y'"));
            assertThat(count(db, "SELECT COUNT(*) FROM approval_requests WHERE plan_pin IS NULL")).isZero();
        }
    }

    /** Two processes starting together on a new store: both open, every migration is recorded once. */
    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void open_concurrently_migratesOnce(StoreBackend backend) throws Exception {
        StoreTarget target = backend.fresh(temp);
        int openers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(openers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Database>> opened = new ArrayList<>();
        for (int i = 0; i < openers; i++) {
            opened.add(pool.submit((Callable<Database>) () -> {
                go.await();
                return Database.open(target);
            }));
        }
        go.countDown();
        List<Database> dbs = new ArrayList<>();
        try {
            for (Future<Database> f : opened) {
                dbs.add(f.get());
            }
            assertThat(count(dbs.get(0), "SELECT COUNT(*) FROM schema_version")).isEqualTo(Migrations.ALL.size());
            assertThat(count(dbs.get(0), "SELECT COUNT(DISTINCT version) FROM schema_version")).isEqualTo(Migrations.ALL.size());
        } finally {
            dbs.forEach(Database::close);
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void transaction_whenWorkFails_storesNothing(StoreBackend backend) {
        try (Database db = Database.open(backend.fresh(temp))) {
            assertThatThrownBy(() -> db.transaction(c -> {
                c.createStatement().execute("INSERT INTO channel_settings(channel_id, region) VALUES ('C1', 'us-east-1')");
                throw new IllegalStateException("half-way");
            })).isInstanceOf(IllegalStateException.class);
            assertThat(new ChannelSettings(db).region("C1")).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void brokenStatement_isAStoreException_notRetried(StoreBackend backend) {
        try (Database db = Database.open(backend.fresh(temp))) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> db.read(c -> c.createStatement().execute("SELECT * FROM no_such_table")))
                    .isInstanceOf(StoreException.class).hasMessageContaining("no_such_table");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        }
    }

    /**
     * Another process (here a plain JDBC connection) holds SQLite's write lock for longer than
     * busy_timeout: the write waits and retries instead of failing, and lands once the lock is gone.
     */
    @Test
    void sqliteBusy_pastBusyTimeout_isRetried_notAnError() throws Exception {
        Path file = temp.resolve("busy.db");
        try (Database db = Database.open(StoreTarget.sqlite(file), Duration.ofMillis(50), Duration.ofSeconds(10));
             Connection other = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            other.setAutoCommit(false);
            other.createStatement().execute("INSERT INTO channel_settings(channel_id, region) VALUES ('C0', 'eu-west-1')");
            ExecutorService releaser = Executors.newSingleThreadExecutor();
            Future<?> released = releaser.submit(() -> {
                Thread.sleep(600);
                other.commit();
                return null;
            });
            long start = System.nanoTime();
            new ChannelSettings(db).setRegion("C1", "us-east-1");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(400));
            released.get();
            releaser.shutdown();
            assertThat(new ChannelSettings(db).region("C1")).contains("us-east-1");
            assertThat(new ChannelSettings(db).region("C0")).contains("eu-west-1");
        }
    }

    @Test
    void sqliteBusy_beyondTheRetryBound_isAStoreExceptionNamingTheLock() throws Exception {
        Path file = temp.resolve("busy.db");
        try (Database db = Database.open(StoreTarget.sqlite(file), Duration.ofMillis(20), Duration.ofMillis(300));
             Connection other = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            other.setAutoCommit(false);
            other.createStatement().execute("INSERT INTO channel_settings(channel_id, region) VALUES ('C0', 'eu-west-1')");
            assertThatThrownBy(() -> new ChannelSettings(db).setRegion("C1", "us-east-1"))
                    .isInstanceOf(StoreException.class).hasMessageContaining("stayed locked by another process");
            other.rollback();
            new ChannelSettings(db).setRegion("C1", "us-east-1");
            assertThat(new ChannelSettings(db).region("C1")).contains("us-east-1");
        }
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void auditLog_returnsNewestFirst_withResources(StoreBackend backend) {
        try (Database db = Database.open(backend.fresh(temp))) {
            AuditLog log = new AuditLog(db);
            Instant t = Instant.parse("2026-11-25T09:00:00Z");
            log.record(new AuditEntry(t, "U1", "C1", "ec2 stop web-1", "us-east-1", List.of("i-1"), AuditEntry.Outcome.SUCCEEDED, "stopped"));
            log.record(new AuditEntry(t.plusSeconds(60), "U2", "C1", "ec2 terminate web-2", "eu-west-1", List.of("i-2", "eipalloc-9"),
                    AuditEntry.Outcome.FAILED, "not found"));
            List<AuditEntry> latest = log.latest(10);
            assertThat(latest).extracting(AuditEntry::command).containsExactly("ec2 terminate web-2", "ec2 stop web-1");
            assertThat(latest.get(0).resources()).containsExactly("i-2", "eipalloc-9");
            assertThat(log.latest(1)).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void grants_upsertAndRevoke(StoreBackend backend) {
        try (Database db = Database.open(backend.fresh(temp))) {
            SqliteGrantStore grants = new SqliteGrantStore(db, Clock.systemUTC());
            grants.grant("U1", "deployer", "UADMIN");
            grants.grant("U1", "admin", "UADMIN");
            assertThat(grants.roleOf("U1")).contains("admin");
            assertThat(grants.all()).containsExactly(Map.entry("U1", "admin"));
            assertThat(grants.revoke("U1")).isTrue();
            assertThat(grants.revoke("U1")).isFalse();
            assertThat(grants.roleOf("U1")).isEmpty();
        }
    }

    @Test
    void target_fromConfig_readsCredentialsFromTheEnvironment_andMasksThePassword() {
        StoreTarget sqlite = StoreTarget.fromConfig("data/d.db", "", Map.of(StoreTarget.PASSWORD_ENV, "hunter2"));
        assertThat(sqlite.url()).isEqualTo("jdbc:sqlite:data/d.db");
        assertThat(sqlite.password()).isEmpty();

        StoreTarget pg = StoreTarget.fromConfig("data/d.db", "jdbc:postgresql://db:5432/deckhand",
                Map.of(StoreTarget.USER_ENV, "deckhand", StoreTarget.PASSWORD_ENV, "hunter2"));
        assertThat(pg.dialect()).isEqualTo(Dialect.POSTGRESQL);
        assertThat(pg.user()).contains("deckhand");
        assertThat(pg.password()).contains("hunter2");
        assertThat(pg.toString()).doesNotContain("hunter2").contains("password=****").contains("user=deckhand");
        assertThat(new StoreTarget("jdbc:postgresql://u:hunter2@db/x?password=hunter2", java.util.Optional.empty(),
                java.util.Optional.empty()).toString()).doesNotContain("hunter2");
        assertThatThrownBy(() -> StoreTarget.fromConfig("d.db", "jdbc:mysql://db/x", Map.of()))
                .hasMessageContaining("jdbc:sqlite: or jdbc:postgresql:");
    }
}
