package dev.deckhand.costwatch;

import dev.deckhand.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a scan's answers let the store forget, and what they must not. */
class ReminderStoreTest {

    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

    @TempDir
    Path temp;

    private static Leak volume(String id, String region) {
        return Leak.of(LeakKind.VOLUME, id, "", region, "alice", T0.minus(Duration.ofDays(9)), T0, "not attached",
                new BigDecimal("8.00"), "");
    }

    @Test
    void aFindingNoLongerFound_inARegionAskedAndJudgedInFull_isForgotten_andNothingElseIs() {
        try (Database db = Database.open(temp.resolve("d.db"))) {
            ReminderStore store = new ReminderStore(db);
            Leak gone = volume("vol-gone", "us-east-1");
            Leak newer = volume("vol-newer", "us-east-1");
            Leak elsewhere = volume("vol-eu", "eu-west-1");
            store.recordSeen(List.of(gone, elsewhere), T0);
            store.snooze(elsewhere.key(), T0.plus(Duration.ofDays(7)));
            // Another replica's scan saw vol-newer after this scan asked us-east-1, or just before by a clock behind.
            Instant asked = T0.plus(Duration.ofMinutes(5));
            store.recordSeen(List.of(newer), asked.minus(ReminderStore.CLOCK_SKEW).plusSeconds(10));

            store.recordSeen(List.of(), Map.of("us-east-1", asked), asked.plusSeconds(60));

            assertThat(store.find(gone.key())).as("last seen before the region was asked, not found now").isEmpty();
            assertThat(store.find(newer.key())).as("seen within the clock skew of when this scan asked").isPresent();
            assertThat(store.find(elsewhere.key())).as("eu-west-1 was not judged by this scan")
                    .hasValueSatisfying(s -> assertThat(s.snoozedUntil()).isEqualTo(T0.plus(Duration.ofDays(7))));
        }
    }

    @Test
    void withoutJudgedRegions_nothingIsForgotten() {
        try (Database db = Database.open(temp.resolve("d.db"))) {
            ReminderStore store = new ReminderStore(db);
            Leak kept = volume("vol-1", "us-east-1");
            store.recordSeen(List.of(kept), T0);

            store.recordSeen(List.of(), T0.plus(Duration.ofHours(1)));

            assertThat(store.find(kept.key())).isPresent();
        }
    }
}
