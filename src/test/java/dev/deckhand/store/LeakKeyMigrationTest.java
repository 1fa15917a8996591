package dev.deckhand.store;

import dev.deckhand.costwatch.LeakKey;
import dev.deckhand.costwatch.ReminderStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Migration 40: reminder rows written under a bare id keep their snooze and keep marks under the new key. */
class LeakKeyMigrationTest {

    @TempDir
    Path temp;

    @Test
    void oldRowsByBareId_areFoundByKindRegionAndId_withTheirMarks() {
        try (Database db = Database.open(temp.resolve("d.db"))) {
            // Back to the store as migration 7 left it, with a kept Classic balancer and a snoozed address.
            db.read(c -> {
                var s = c.createStatement();
                s.execute("DELETE FROM schema_version WHERE version = 40");
                s.execute("ALTER TABLE leak_reminders DROP COLUMN resource_id");
                s.execute("INSERT INTO leak_reminders(leak_id, region, kind, fingerprint, first_seen, last_seen, kept_by, "
                        + "kept_reason, kept_fingerprint) VALUES ('web', 'eu-west-1', 'CLASSIC_LOAD_BALANCER', 'f', "
                        + "'2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z', 'U1', 'spare', 'f')");
                s.execute("INSERT INTO leak_reminders(leak_id, region, kind, fingerprint, first_seen, last_seen, snoozed_until) "
                        + "VALUES ('eipalloc-1', 'us-east-1', 'ELASTIC_IP', 'x', '2026-11-01T00:00:00Z', "
                        + "'2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z')");
                return null;
            });

            Migrations.apply(db);

            ReminderStore reminders = new ReminderStore(db);
            assertThat(reminders.find(new LeakKey("clb", "eu-west-1", "web")).orElseThrow().keptReason()).isEqualTo("spare");
            assertThat(reminders.find(new LeakKey("eip", "us-east-1", "eipalloc-1")).orElseThrow().snoozedUntil()).isNotNull();
            assertThat(reminders.findById("web")).singleElement().satisfies(s -> assertThat(s.region()).isEqualTo("eu-west-1"));
            assertThat(reminders.find(new LeakKey("clb", "us-east-1", "web"))).isEmpty();
        }
    }
}
