package dev.deckhand.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseTest {

    @TempDir
    Path temp;

    @Test
    void open_appliesEveryMigration_inWalMode() {
        try (Database db = Database.open(temp.resolve("sub/dir/d.db"))) {
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

    @Test
    void migrations_reopened_areNotAppliedTwice_andDataSurvives() {
        Path file = temp.resolve("d.db");
        try (Database db = Database.open(file)) {
            new ChannelSettings(db).setRegion("C1", "eu-west-1");
        }
        try (Database db = Database.open(file)) {
            assertThat(new ChannelSettings(db).region("C1")).contains("eu-west-1");
            int rows = db.read(c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM schema_version")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertThat(rows).isEqualTo(Migrations.ALL.size());
        }
    }

    @Test
    void migrations_newOneOnOldFile_isApplied() {
        Path file = temp.resolve("d.db");
        try (Database db = Database.open(file)) {
            Migrations.apply(db, List.of(new Migrations.Migration(99, "test table", "CREATE TABLE later (x INTEGER)")));
            assertThat(Migrations.currentVersion(db)).isEqualTo(99);
            db.read(c -> c.createStatement().execute("INSERT INTO later VALUES (1)"));
        }
    }

    @Test
    void transaction_whenWorkFails_storesNothing() {
        try (Database db = Database.open(temp.resolve("d.db"))) {
            assertThatThrownBy(() -> db.transaction(c -> {
                c.createStatement().execute("INSERT INTO channel_settings VALUES ('C1', 'us-east-1')");
                throw new IllegalStateException("half-way");
            })).isInstanceOf(IllegalStateException.class);
            assertThat(new ChannelSettings(db).region("C1")).isEmpty();
        }
    }

    @Test
    void auditLog_returnsNewestFirst_withResources() {
        try (Database db = Database.open(temp.resolve("d.db"))) {
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

    @Test
    void grants_upsertAndRevoke() {
        try (Database db = Database.open(temp.resolve("d.db"))) {
            SqliteGrantStore grants = new SqliteGrantStore(db, Clock.systemUTC());
            grants.grant("U1", "deployer", "UADMIN");
            grants.grant("U1", "admin", "UADMIN");
            assertThat(grants.roleOf("U1")).contains("admin");
            assertThat(grants.all()).containsExactly(java.util.Map.entry("U1", "admin"));
            assertThat(grants.revoke("U1")).isTrue();
            assertThat(grants.revoke("U1")).isFalse();
            assertThat(grants.roleOf("U1")).isEmpty();
        }
    }
}
