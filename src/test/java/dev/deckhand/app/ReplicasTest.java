package dev.deckhand.app;

import dev.deckhand.approval.ApprovalState;
import dev.deckhand.approval.ApprovalStore;
import dev.deckhand.chat.Reply;
import dev.deckhand.costwatch.CostWatch;
import dev.deckhand.store.AuditEntry;
import dev.deckhand.store.SqliteGrantStore;
import dev.deckhand.store.StoreTarget;
import dev.deckhand.testing.AwsStub;
import dev.deckhand.testing.EmbeddedPostgresServer;
import dev.deckhand.testing.MutableClock;
import dev.deckhand.testing.RecordingChatPort;
import dev.deckhand.testing.ReplicaProcess;
import dev.deckhand.testing.TestDeckhand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
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

/**
 * Whole Deckhands as replicas on one PostgreSQL (shipped config, {@code DECKHAND_STORE_URL}), and one
 * replica in another JVM killed with SIGKILL, so nothing it held is released.
 */
class ReplicasTest {

    @TempDir
    Path temp;

    private static Map<String, String> on(StoreTarget target) {
        return Map.of("DECKHAND_STORE_URL", target.url(), "DECKHAND_APPROVALS_ACTIONS", "grant");
    }

    private static long executions(Deckhand deckhand, String requestId) {
        return deckhand.auditLog().latest(500).stream()
                .filter(e -> e.detail().startsWith("approved request " + requestId + ": "))
                .filter(e -> e.outcome() == AuditEntry.Outcome.SUCCEEDED)
                .count();
    }

    @Test
    void approvalClicks_splitAcrossTwoReplicas_runTheActionExactlyOnce() throws Exception {
        StoreTarget target = EmbeddedPostgresServer.freshDatabase();
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T13:00:00Z"));
        RecordingChatPort chatA = new RecordingChatPort();
        RecordingChatPort chatB = new RecordingChatPort();
        ExecutorService clicks = Executors.newFixedThreadPool(6);
        try (AwsStub aws = new AwsStub();
             Deckhand a = TestDeckhand.start(temp.resolve("a"), aws.clients, clock, chatA, on(target));
             Deckhand b = TestDeckhand.start(temp.resolve("b"), aws.clients, clock, chatB, on(target))) {
            SqliteGrantStore grants = new SqliteGrantStore(a.database(), clock);
            for (String admin : List.of("U_BOSS1", "U_BOSS2", "U_BOSS3")) {
                grants.grant(admin, "admin", "setup");
            }
            for (int round = 0; round < 8; round++) {
                String user = "U_NEW" + round;
                Reply asked = TestDeckhand.run(round % 2 == 0 ? a : b, "console", "console", "grant " + user + " deployer");
                String id = requestId(asked);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Reply>> answers = new ArrayList<>();
                // Three admins, each clicking on both replicas (a double click whose retry lands elsewhere).
                for (int i = 0; i < 6; i++) {
                    Deckhand replica = i % 2 == 0 ? a : b;
                    String admin = "U_BOSS" + (i / 2 + 1);
                    answers.add(clicks.submit((Callable<Reply>) () -> {
                        go.await();
                        return TestDeckhand.run(replica, admin, "console", "approve " + id);
                    }));
                }
                go.countDown();
                for (Future<Reply> f : answers) {
                    f.get();
                }
                assertThat(executions(a, id)).as("round %d", round).isEqualTo(1);
                assertThat(a.approvals().store().find(id).orElseThrow().state()).isEqualTo(ApprovalState.DONE);
                assertThat(new SqliteGrantStore(b.database(), clock).roleOf(user)).contains("deployer");
            }
            long resultPosts = chatA.ofKind("thread").size() + chatB.ofKind("thread").size();
            assertThat(resultPosts).as("one result in the card's thread per request").isEqualTo(8);
        } finally {
            clicks.shutdownNow();
        }
    }

    /**
     * A replica in another JVM is running an approved request. A new replica starting meanwhile leaves
     * it alone (its claimant beats); after a SIGKILL, the dead replica's leases and its request are
     * taken over only once its heartbeat has expired.
     */
    @Test
    void replicaKilledWhileRunning_isNotInterruptedByANewStart_onlyAfterItsHeartbeatExpires() throws Exception {
        StoreTarget target = EmbeddedPostgresServer.freshDatabase();
        Process other = ReplicaProcess.start(target, "replica-killed", "k1111111");
        try {
            MutableClock clock = new MutableClock(Instant.now());
            RecordingChatPort chat = new RecordingChatPort();
            try (AwsStub aws = new AwsStub();
                 Deckhand b = TestDeckhand.start(temp, aws.clients, clock, chat, on(target))) {
                ApprovalStore store = b.approvals().store();
                assertThat(store.find("k1111111").orElseThrow().state()).isEqualTo(ApprovalState.RUNNING);
                assertThat(store.claimedBy("k1111111")).contains("replica-killed");
                // Even asked directly (not under the lease the other replica holds), recovery leaves it alone.
                assertThat(b.approvals().recoverAfterRestart()).isEmpty();
                assertThat(b.approvals().housekeepAsTeam()).as("the other replica holds the lease").isFalse();
                assertThat(b.replica().lead(CostWatch.LEASE)).isFalse();

                ReplicaProcess.kill(other);
                clock.advance(Duration.between(clock.instant(), Instant.now()));
                assertThat(b.approvals().recoverAfterRestart()).as("killed, but its heartbeat has not expired").isEmpty();
                assertThat(b.replica().lead(CostWatch.LEASE)).isFalse();

                clock.advance(Duration.between(clock.instant(), Instant.now().plus(b.replica().ttl()).plusSeconds(1)));
                assertThat(b.replica().isAlive("replica-killed")).isFalse();
                assertThat(b.replica().lead(CostWatch.LEASE)).isTrue();
                assertThat(b.approvals().housekeepAsTeam()).isTrue();
                assertThat(store.find("k1111111").orElseThrow().state()).isEqualTo(ApprovalState.INTERRUPTED);
                assertThat(store.find("k1111111").orElseThrow().note()).startsWith("Deckhand stopped while `grant U_SLOW deployer` was running");
            }
        } finally {
            other.destroyForcibly();
        }
    }

    private static String requestId(Reply reply) {
        var m = java.util.regex.Pattern.compile("\\(request ([a-z0-9]{8})\\)").matcher(reply.body());
        if (!m.find()) {
            throw new AssertionError("not a needs-approval reply: " + reply.plainText());
        }
        return m.group(1);
    }
}
