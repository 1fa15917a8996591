package dev.deckhand.approval;

import dev.deckhand.chat.ChatPort.MessageRef;
import dev.deckhand.store.Database;
import dev.deckhand.store.StoreTarget;
import dev.deckhand.testing.StoreBackend;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs on SQLite and on PostgreSQL; the concurrent cases use two {@link Database}s, as two replicas do. */
class ApprovalStoreTest {

    private static final Instant NOW = Instant.parse("2026-11-25T13:00:00Z");

    @TempDir
    Path temp;

    private static ApprovalRequest pending(String id) {
        return new ApprovalRequest(id, "U_DEP", "C1", "ec2 terminate i-1 --region us-east-1", "us-east-1", "why",
                Optional.of(new BigDecimal("-7.59")), ApprovalState.PENDING, NOW, NOW.plusSeconds(1800), Optional.empty(),
                List.of(), "", Optional.empty(), "");
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void transition_isCompareAndSet(StoreBackend backend) {
        try (Database db = Database.open(backend.fresh(temp))) {
            ApprovalStore store = new ApprovalStore(db);
            store.insert(pending("aaaaaaaa"));

            assertThat(store.transition("aaaaaaaa", ApprovalState.PENDING, ApprovalState.DENIED, "U_ADMIN", NOW, "no")).isTrue();
            assertThat(store.transition("aaaaaaaa", ApprovalState.PENDING, ApprovalState.CANCELLED, "U_DEP", NOW, "")).isFalse();
            assertThat(store.transition("aaaaaaaa", ApprovalState.PENDING, ApprovalState.APPROVED, "U_ADMIN", NOW, "")).isFalse();
            ApprovalRequest r = store.find("aaaaaaaa").orElseThrow();
            assertThat(r.state()).isEqualTo(ApprovalState.DENIED);
            assertThat(r.decidedBy()).isEqualTo("U_ADMIN");
            assertThat(r.note()).isEqualTo("no");
        }
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void vote_countsDistinctApprovers_andReachesOnce(StoreBackend backend) {
        try (Database db = Database.open(backend.fresh(temp))) {
            ApprovalStore store = new ApprovalStore(db);
            store.insert(pending("bbbbbbbb"));

            assertThat(store.vote("bbbbbbbb", "U_A", NOW, 2)).isEqualTo(new ApprovalStore.Vote.Recorded(1));
            assertThat(store.vote("bbbbbbbb", "U_A", NOW, 2)).isEqualTo(new ApprovalStore.Vote.AlreadyVoted(1));
            assertThat(store.vote("bbbbbbbb", "U_B", NOW, 2)).isInstanceOf(ApprovalStore.Vote.Reached.class);
            assertThat(store.vote("bbbbbbbb", "U_C", NOW, 2)).isEqualTo(new ApprovalStore.Vote.NotPending(ApprovalState.APPROVED));
            assertThat(store.find("bbbbbbbb").orElseThrow().approvers()).containsExactly("U_A", "U_B");
        }
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void vote_afterExpiry_isNotCounted(StoreBackend backend) {
        try (Database db = Database.open(backend.fresh(temp))) {
            ApprovalStore store = new ApprovalStore(db);
            store.insert(pending("cccccccc"));

            assertThat(store.vote("cccccccc", "U_A", NOW.plusSeconds(1800), 1))
                    .isEqualTo(new ApprovalStore.Vote.NotPending(ApprovalState.PENDING));
            assertThat(store.find("cccccccc").orElseThrow().approvers()).isEmpty();
            assertThat(store.pendingDue(NOW.plusSeconds(1799))).isEmpty();
            assertThat(store.pendingDue(NOW.plusSeconds(1800))).extracting(ApprovalRequest::id).containsExactly("cccccccc");
        }
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void request_survivesReopeningTheStore(StoreBackend backend) {
        StoreTarget file = backend.fresh(temp);
        try (Database db = Database.open(file)) {
            ApprovalStore store = new ApprovalStore(db);
            store.insert(pending("dddddddd"));
            store.attachCard("dddddddd", new MessageRef("C0APPROVALS", "1732540800.000100"));
        }
        try (Database db = Database.open(file)) {
            ApprovalRequest r = new ApprovalStore(db).find("dddddddd").orElseThrow();
            assertThat(r).isEqualTo(new ApprovalRequest("dddddddd", "U_DEP", "C1", "ec2 terminate i-1 --region us-east-1",
                    "us-east-1", "why", Optional.of(new BigDecimal("-7.59")), ApprovalState.PENDING, NOW,
                    NOW.plusSeconds(1800), Optional.of(new MessageRef("C0APPROVALS", "1732540800.000100")), List.of(), "",
                    Optional.empty(), ""));
        }
    }

    /**
     * Two approvals needed, two approvers clicking at the same moment on two replicas: both votes
     * count and exactly one of them moves the request to approved (never zero: each seeing only its
     * own vote would leave it pending for ever).
     */
    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void vote_twoApproversAtOnce_onTwoReplicas_reachesExactlyOnce(StoreBackend backend) throws Exception {
        StoreTarget target = backend.fresh(temp);
        try (Database a = Database.open(target); Database b = Database.open(target)) {
            ApprovalStore storeA = new ApprovalStore(a, "replica-a");
            ApprovalStore storeB = new ApprovalStore(b, "replica-b");
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                for (int round = 0; round < 20; round++) {
                    String id = String.format("r%07d", round);
                    storeA.insert(pending(id));
                    List<ApprovalStore.Vote> votes = voteAtOnce(pool, List.of(
                            () -> storeA.vote(id, "U_A", NOW, 2), () -> storeB.vote(id, "U_B", NOW, 2)));
                    assertThat(votes).filteredOn(v -> v instanceof ApprovalStore.Vote.Reached).as("round " + round).hasSize(1);
                    assertThat(votes).filteredOn(v -> v instanceof ApprovalStore.Vote.Recorded).hasSize(1);
                    ApprovalRequest r = storeB.find(id).orElseThrow();
                    assertThat(r.state()).isEqualTo(ApprovalState.APPROVED);
                    assertThat(r.approvers()).containsExactlyInAnyOrder("U_A", "U_B");
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** One approval needed, several admins click at once across two replicas: one wins, and it records its replica. */
    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void vote_manyClicksAtOnce_oneReaches_andTheWinnersReplicaClaimsIt(StoreBackend backend) throws Exception {
        StoreTarget target = backend.fresh(temp);
        try (Database a = Database.open(target); Database b = Database.open(target)) {
            ApprovalStore storeA = new ApprovalStore(a, "replica-a");
            ApprovalStore storeB = new ApprovalStore(b, "replica-b");
            storeA.insert(pending("eeeeeeee"));
            ExecutorService pool = Executors.newFixedThreadPool(6);
            try {
                List<Callable<ApprovalStore.Vote>> clicks = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    ApprovalStore store = i % 2 == 0 ? storeA : storeB;
                    String approver = "U_" + i;
                    clicks.add(() -> store.vote("eeeeeeee", approver, NOW, 1));
                }
                List<ApprovalStore.Vote> votes = voteAtOnce(pool, clicks);
                assertThat(votes).filteredOn(v -> v instanceof ApprovalStore.Vote.Reached).hasSize(1);
                assertThat(votes).filteredOn(v -> v instanceof ApprovalStore.Vote.NotPending).hasSize(5);
                int winner = -1;
                for (int i = 0; i < votes.size(); i++) {
                    if (votes.get(i) instanceof ApprovalStore.Vote.Reached) {
                        winner = i;
                    }
                }
                assertThat(storeA.claimedBy("eeeeeeee")).contains(winner % 2 == 0 ? "replica-a" : "replica-b");
                // The run claim is a compare-and-set too: only one replica moves it to running.
                List<Boolean> runs = voteAtOnce(pool, List.of(
                        () -> storeA.transition("eeeeeeee", ApprovalState.APPROVED, ApprovalState.RUNNING, null, NOW, null),
                        () -> storeB.transition("eeeeeeee", ApprovalState.APPROVED, ApprovalState.RUNNING, null, NOW, null)));
                assertThat(runs).containsExactlyInAnyOrder(true, false);
                assertThat(storeA.claimedBy("eeeeeeee")).contains(runs.get(0) ? "replica-a" : "replica-b");
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static <T> List<T> voteAtOnce(ExecutorService pool, List<Callable<T>> calls) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> call : calls) {
            futures.add(pool.submit(() -> {
                go.await();
                return call.call();
            }));
        }
        go.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) {
            results.add(f.get());
        }
        return results;
    }
}
