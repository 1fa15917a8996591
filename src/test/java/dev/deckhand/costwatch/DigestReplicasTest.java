package dev.deckhand.costwatch;

import dev.deckhand.store.Database;
import dev.deckhand.store.Leases;
import dev.deckhand.store.Replica;
import dev.deckhand.store.StoreTarget;
import dev.deckhand.testing.MutableClock;
import dev.deckhand.testing.RecordingChatPort;
import dev.deckhand.testing.StoreBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two replicas with the digest schedule on one PostgreSQL, ticked minute by minute with one clock
 * moved by hand: exactly one digest per scheduled minute, also when the leader is killed just before
 * a scheduled minute (the other catches it up) or just after it (the other does not post it again).
 */
class DigestReplicasTest {

    private static final Duration TTL = Duration.ofSeconds(90);

    @TempDir
    Path temp;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T00:00:00Z")); // a Monday
    private final List<AutoCloseable> open = new ArrayList<>();

    /** Every scan finds a new Elastic IP, so every digest run has news and posts: posts count runs. */
    private final LeakScanner scanner = new LeakScanner() {
        @Override
        public List<String> enabledRegions() {
            return List.of("us-east-1");
        }

        @Override
        public CompletableFuture<RegionOutcome> scan(String region) {
            Leak news = Leak.of(LeakKind.ELASTIC_IP, "eipalloc-" + clock.instant().getEpochSecond(), "", region,
                    "U0ALICE", null, clock.instant(), "not attached", new BigDecimal("3.65"), "none");
            return CompletableFuture.completedFuture(new RegionOutcome.Scanned(region, List.of(news), Duration.ZERO));
        }
    };

    /** One replica: its own connection pool, replica id and chat, sharing the database and the clock. */
    private final class Node {
        final Replica replica;
        final CostWatch costWatch;
        final RecordingChatPort chat = new RecordingChatPort();
        boolean killed;

        Node(StoreTarget target, String id) {
            Database db = Database.open(target);
            open.add(db);
            replica = new Replica(db, clock, id, TTL);
            costWatch = new CostWatch(new CostWatch.Settings("0 9 * * MON-FRI", "UTC", "C0COST", 10, 2), List.of(),
                    "", scanner, (noun, resource, region) -> "done", db, clock, chat, "2026-11-01", replica);
        }

        /** What its timers do in a minute: beat, then tick the schedule if it leads. */
        void minute() {
            if (!killed) {
                replica.heartbeat();
                costWatch.tickAsTeam();
            }
        }

        long digests() {
            return chat.ofKind("post").size();
        }
    }

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void twoReplicas_postExactlyOneDigestPerScheduledMinute_acrossALeaderKilledBeforeAndAfterIt() {
        StoreTarget target = StoreBackend.POSTGRESQL.fresh(temp);
        Node a = new Node(target, "replica-a");
        Node b = new Node(target, "replica-b");
        Leases leases = new Leases((Database) open.get(0), clock);
        List<Instant> posted = new ArrayList<>();
        List<Instant> expected = new ArrayList<>();
        Instant killLeaderBefore = Instant.parse("2026-11-24T08:59:00Z"); // Tuesday: the leader dies a minute early
        Instant killLeaderAfter = Instant.parse("2026-11-25T09:01:00Z");  // Wednesday: it dies just after posting

        // Monday to Friday, minute by minute from 08:30 to 09:30; the night in between is one jump (both
        // leases lapse then, and whoever ticks first in the morning leads).
        for (Instant day = Instant.parse("2026-11-23T08:30:00Z"); day.isBefore(Instant.parse("2026-11-28T00:00:00Z"));
             day = day.plus(Duration.ofDays(1))) {
            expected.add(day.plus(Duration.ofMinutes(30)));
            clock.advance(Duration.between(clock.instant(), day));
            a.killed = false;
            b.killed = false;
            for (int m = 0; m <= 60; m++, clock.advance(Duration.ofMinutes(1))) {
                Instant now = clock.instant();
                if (now.equals(killLeaderBefore) || now.equals(killLeaderAfter)) {
                    String leader = leases.holder(CostWatch.LEASE).orElseThrow().owner();
                    (leader.equals("replica-a") ? a : b).killed = true;
                }
                long before = a.digests() + b.digests();
                // Alternate who ticks first, so neither wins only by going first.
                if (m % 2 == 0) {
                    a.minute();
                    b.minute();
                } else {
                    b.minute();
                    a.minute();
                }
                for (long i = before; i < a.digests() + b.digests(); i++) {
                    posted.add(now);
                }
            }
        }

        // Tuesday's digest comes from the survivor once the dead leader's lease expires (90 s after its
        // last renewal at 08:58); none twice, Wednesday included, where the survivor's catch-up finds
        // 09:00 already claimed.
        assertThat(posted).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(Duration.between(expected.get(i), posted.get(i))).as("digest %d at %s", i, posted.get(i))
                    .isBetween(Duration.ZERO, Duration.ofMinutes(3));
        }
        assertThat(a.digests()).isPositive();
        assertThat(b.digests()).isPositive();
    }
}
