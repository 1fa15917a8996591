package dev.deckhand.store;

import dev.deckhand.testing.MutableClock;
import dev.deckhand.testing.StoreBackend;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Leases, heartbeats and delivery claims, on SQLite and PostgreSQL, with a clock moved by hand. */
class LeasesTest {

    private static final Duration TTL = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T09:00:00Z"));

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void lease_isHeldUntilItExpires_thenAnotherTakesIt(StoreBackend backend) {
        try (Database db = Database.open(backend.fresh(temp))) {
            Leases leases = new Leases(db, clock);
            assertThat(leases.acquire("digest", "A", TTL)).isTrue();
            assertThat(leases.acquire("digest", "B", TTL)).isFalse();
            clock.advance(Duration.ofSeconds(59));
            assertThat(leases.acquire("digest", "B", TTL)).isFalse();
            assertThat(leases.acquire("digest", "A", TTL)).as("renewal by its holder").isTrue();
            clock.advance(Duration.ofSeconds(59));
            assertThat(leases.acquire("digest", "B", TTL)).as("renewed at 59 s, so held until 118 s").isFalse();
            clock.advance(Duration.ofSeconds(1));
            assertThat(leases.holder("digest")).isEmpty();
            assertThat(leases.acquire("digest", "B", TTL)).as("expired: A stopped renewing").isTrue();
            assertThat(leases.acquire("digest", "A", TTL)).as("A comes back: too late").isFalse();
            assertThat(leases.holder("digest").orElseThrow().owner()).isEqualTo("B");
            assertThat(leases.holder("digest").orElseThrow().expiresAt()).isEqualTo(clock.instant().plus(TTL));
        }
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void release_freesOnlyOwnLease(StoreBackend backend) {
        try (Database db = Database.open(backend.fresh(temp))) {
            Leases leases = new Leases(db, clock);
            leases.acquire("digest", "A", TTL);
            leases.release("digest", "B");
            assertThat(leases.acquire("digest", "B", TTL)).isFalse();
            leases.release("digest", "A");
            assertThat(leases.acquire("digest", "B", TTL)).isTrue();
        }
    }

    /** Many contenders on two connections/pools at the same instant: exactly one gets the lease. */
    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void acquire_atTheSameMoment_fromTwoReplicas_hasOneWinner(StoreBackend backend) throws Exception {
        StoreTarget target = backend.fresh(temp);
        try (Database a = Database.open(target); Database b = Database.open(target)) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                for (int round = 0; round < 10; round++) {
                    String name = "work-" + round;
                    CountDownLatch go = new CountDownLatch(1);
                    List<Future<Boolean>> results = new ArrayList<>();
                    for (int i = 0; i < 8; i++) {
                        Leases leases = new Leases(i % 2 == 0 ? a : b, clock);
                        String owner = "R" + i;
                        results.add(pool.submit(() -> {
                            go.await();
                            return leases.acquire(name, owner, TTL);
                        }));
                    }
                    go.countDown();
                    int winners = 0;
                    for (Future<Boolean> f : results) {
                        winners += f.get() ? 1 : 0;
                    }
                    assertThat(winners).as(name).isEqualTo(1);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void replica_isAliveWhileItsHeartbeatLasts_andGoneAtOnceAfterACleanStop(StoreBackend backend) {
        try (Database db = Database.open(backend.fresh(temp))) {
            Replica a = new Replica(db, clock, "A", TTL);
            Replica b = new Replica(db, clock, "B", TTL);
            assertThat(b.isAlive("A")).as("never beat").isFalse();
            assertThat(a.isAlive("A")).as("itself").isTrue();
            a.heartbeat();
            clock.advance(Duration.ofSeconds(59));
            assertThat(b.isAlive("A")).isTrue();
            clock.advance(Duration.ofSeconds(1));
            assertThat(b.isAlive("A")).as("heartbeat expired: A was killed").isFalse();
            a.heartbeat();
            assertThat(b.isAlive("A")).isTrue();
            a.close();
            assertThat(b.isAlive("A")).as("clean stop").isFalse();
        }
    }

    /** A replica killed while leading: the lease passes to another only after it expires, and heartbeats keep a live one's. */
    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void replica_lead_passesOnOnlyAfterTheHolderStopsRenewing(StoreBackend backend) {
        try (Database db = Database.open(backend.fresh(temp))) {
            Replica a = new Replica(db, clock, "A", TTL);
            Replica b = new Replica(db, clock, "B", TTL);
            assertThat(a.lead("digest")).isTrue();
            for (int i = 0; i < 5; i++) {
                clock.advance(Duration.ofSeconds(30));
                a.heartbeat();
                assertThat(b.lead("digest")).as("A's heartbeat renews what it leads").isFalse();
            }
            // A is killed: no more heartbeats, nothing released.
            clock.advance(Duration.ofSeconds(59));
            assertThat(b.lead("digest")).isFalse();
            clock.advance(Duration.ofSeconds(1));
            assertThat(b.lead("digest")).isTrue();
            a.heartbeat();
            assertThat(a.lead("digest")).as("A's late heartbeat does not take it back").isFalse();
            b.release("digest");
            assertThat(a.lead("digest")).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void deliveries_firstClaimWins_untilItExpires(StoreBackend backend) {
        try (Database db = Database.open(backend.fresh(temp))) {
            Deliveries deliveries = new Deliveries(db, clock);
            Duration window = Duration.ofMinutes(5);
            assertThat(deliveries.claim("command:T1:trigger-1", window)).isTrue();
            assertThat(deliveries.claim("command:T1:trigger-1", window)).isFalse();
            assertThat(deliveries.claim("command:T1:trigger-2", window)).isTrue();
            clock.advance(window);
            assertThat(deliveries.purgeExpired()).isEqualTo(2);
            assertThat(deliveries.claim("command:T1:trigger-1", window)).isTrue();
            clock.advance(window);
            assertThat(deliveries.claim("command:T1:trigger-1", window)).as("expired but not yet purged").isTrue();
            deliveries.forget("command:T1:trigger-1");
            assertThat(deliveries.claim("command:T1:trigger-1", window)).as("forgotten: busy, retry may run").isTrue();
        }
    }

    /** A Slack retry landing on another replica at the same moment: one of them runs it. */
    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void deliveries_sameKeyOnTwoReplicasAtOnce_oneRuns(StoreBackend backend) throws Exception {
        StoreTarget target = backend.fresh(temp);
        try (Database a = Database.open(target); Database b = Database.open(target)) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                for (int round = 0; round < 10; round++) {
                    String key = "command:T1:trigger-" + round;
                    CountDownLatch go = new CountDownLatch(1);
                    List<Future<Boolean>> results = new ArrayList<>();
                    for (int i = 0; i < 4; i++) {
                        Deliveries deliveries = new Deliveries(i % 2 == 0 ? a : b, clock);
                        results.add(pool.submit(() -> {
                            go.await();
                            return deliveries.claim(key, Duration.ofMinutes(5));
                        }));
                    }
                    go.countDown();
                    int first = 0;
                    for (Future<Boolean> f : results) {
                        first += f.get() ? 1 : 0;
                    }
                    assertThat(first).as(key).isEqualTo(1);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
