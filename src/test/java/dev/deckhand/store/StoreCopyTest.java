package dev.deckhand.store;

import dev.deckhand.approval.ApprovalRequest;
import dev.deckhand.approval.ApprovalState;
import dev.deckhand.approval.ApprovalStore;
import dev.deckhand.costwatch.Leak;
import dev.deckhand.costwatch.LeakKind;
import dev.deckhand.costwatch.ReminderStore;
import dev.deckhand.testing.StoreBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code migrate-store}: SQLite to PostgreSQL and back, every table, row for row. */
public class StoreCopyTest {

    private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");
    private static final List<String> TABLES = List.of("audit", "grants", "channel_settings", "approval_requests",
            "approval_votes", "leak_reminders");

    @TempDir
    Path temp;

    /** A little of everything Deckhand stores: 9 rows in 6 tables. */
    public static void fill(Database db) {
        AuditLog audit = new AuditLog(db);
        for (int i = 0; i < 3; i++) {
            audit.record(new AuditEntry(NOW.plusSeconds(i), "U" + i, "C1", "ec2 stop web-" + i, "us-east-1",
                    List.of("i-" + i), AuditEntry.Outcome.SUCCEEDED, "stopped"));
        }
        new SqliteGrantStore(db, Clock.fixed(NOW, ZoneOffset.UTC)).grant("U1", "admin", "UROOT");
        new ChannelSettings(db).setRegion("C1", "eu-west-1");
        ApprovalStore approvals = new ApprovalStore(db, "replica-1");
        approvals.insert(new ApprovalRequest("aaaaaaaa", "U_DEP", "C1", "ec2 terminate i-1 --region us-east-1", "us-east-1",
                "why", Optional.of(new BigDecimal("-7.59")), ApprovalState.PENDING, NOW, NOW.plusSeconds(1800),
                Optional.empty(), List.of(), "", Optional.empty(), ""));
        approvals.vote("aaaaaaaa", "U_A", NOW, 2);
        approvals.vote("aaaaaaaa", "U_B", NOW, 2);
        new ReminderStore(db).recordSeen(List.of(Leak.of(LeakKind.ELASTIC_IP, "eipalloc-1", "", "us-east-1", "U1", null,
                NOW, "not attached", new BigDecimal("3.65"), "none")), NOW);
        new ReminderStore(db).reminded(new dev.deckhand.costwatch.LeakKey("eip", "us-east-1", "eipalloc-1"), NOW);
    }

    /** Every row of a table as text, in a stable order, so SQLite's Integer and PostgreSQL's Long compare equal. */
    private static List<String> rows(Database db, String table) {
        return db.read(c -> {
            List<String> rows = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table + " ORDER BY 1, 2")) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        row.append(meta.getColumnName(i).toLowerCase()).append('=').append(rs.getString(i)).append(' ');
                    }
                    rows.add(row.toString());
                }
            }
            return rows;
        });
    }

    @Test
    void sqliteToPostgres_andBack_copiesEveryRow_andIdsContinue() {
        StoreTarget sqlite = StoreBackend.SQLITE.fresh(temp);
        StoreTarget postgres = StoreBackend.POSTGRESQL.fresh(temp);
        StoreTarget sqliteAgain = StoreBackend.SQLITE.fresh(temp);
        try (Database from = Database.open(sqlite); Database to = Database.open(postgres);
             Database back = Database.open(sqliteAgain)) {
            fill(from);

            Map<String, Integer> copied = StoreCopy.copy(from, to);

            assertThat(copied).containsEntry("audit", 3).containsEntry("approval_votes", 2).containsEntry("leak_reminders", 1);
            assertThat(copied.keySet()).first().isEqualTo("approval_requests");
            for (String table : TABLES) {
                assertThat(rows(to, table)).as(table).isEqualTo(rows(from, table)).isNotEmpty();
            }
            assertThat(new ApprovalStore(to).find("aaaaaaaa").orElseThrow().approvers()).containsExactly("U_A", "U_B");
            new AuditLog(to).record(new AuditEntry(NOW.plusSeconds(60), "U9", "C1", "after", "us-east-1", List.of(),
                    AuditEntry.Outcome.SUCCEEDED, ""));
            assertThat(new AuditLog(to).latest(1)).extracting(AuditEntry::command).containsExactly("after");
            assertThat(rows(to, "audit")).hasSize(4).last().asString().startsWith("id=4 ");

            StoreCopy.copy(to, back);
            for (String table : TABLES) {
                assertThat(rows(back, table)).as(table).isEqualTo(rows(to, table));
            }
        }
    }

    @Test
    void copy_intoAStoreWithData_isRefused_andChangesNothing() {
        try (Database from = Database.open(StoreBackend.SQLITE.fresh(temp));
             Database to = Database.open(StoreBackend.POSTGRESQL.fresh(temp))) {
            fill(from);
            new ChannelSettings(to).setRegion("C9", "us-west-2");

            assertThatThrownBy(() -> StoreCopy.copy(from, to)).isInstanceOf(StoreException.class)
                    .hasMessage("The target store already has rows in channel_settings; migrate-store copies only into an empty store.");
            assertThat(rows(to, "audit")).isEmpty();
        }
    }
}
