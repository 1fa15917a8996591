package dev.deckhand.approval;

import dev.deckhand.chat.ChatPort.MessageRef;
import dev.deckhand.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ApprovalStoreTest {

    private static final Instant NOW = Instant.parse("2026-11-25T13:00:00Z");

    @TempDir
    Path temp;

    private static ApprovalRequest pending(String id) {
        return new ApprovalRequest(id, "U_DEP", "C1", "ec2 terminate i-1 --region us-east-1", "us-east-1", "why",
                Optional.of(new BigDecimal("-7.59")), ApprovalState.PENDING, NOW, NOW.plusSeconds(1800), Optional.empty(),
                List.of(), "", Optional.empty(), "");
    }

    @Test
    void transition_isCompareAndSet() {
        try (Database db = Database.open(temp.resolve("d.db"))) {
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

    @Test
    void vote_countsDistinctApprovers_andReachesOnce() {
        try (Database db = Database.open(temp.resolve("d.db"))) {
            ApprovalStore store = new ApprovalStore(db);
            store.insert(pending("bbbbbbbb"));

            assertThat(store.vote("bbbbbbbb", "U_A", NOW, 2)).isEqualTo(new ApprovalStore.Vote.Recorded(1));
            assertThat(store.vote("bbbbbbbb", "U_A", NOW, 2)).isEqualTo(new ApprovalStore.Vote.AlreadyVoted(1));
            assertThat(store.vote("bbbbbbbb", "U_B", NOW, 2)).isInstanceOf(ApprovalStore.Vote.Reached.class);
            assertThat(store.vote("bbbbbbbb", "U_C", NOW, 2)).isEqualTo(new ApprovalStore.Vote.NotPending(ApprovalState.APPROVED));
            assertThat(store.find("bbbbbbbb").orElseThrow().approvers()).containsExactly("U_A", "U_B");
        }
    }

    @Test
    void vote_afterExpiry_isNotCounted() {
        try (Database db = Database.open(temp.resolve("d.db"))) {
            ApprovalStore store = new ApprovalStore(db);
            store.insert(pending("cccccccc"));

            assertThat(store.vote("cccccccc", "U_A", NOW.plusSeconds(1800), 1))
                    .isEqualTo(new ApprovalStore.Vote.NotPending(ApprovalState.PENDING));
            assertThat(store.find("cccccccc").orElseThrow().approvers()).isEmpty();
            assertThat(store.pendingDue(NOW.plusSeconds(1799))).isEmpty();
            assertThat(store.pendingDue(NOW.plusSeconds(1800))).extracting(ApprovalRequest::id).containsExactly("cccccccc");
        }
    }

    @Test
    void request_survivesReopeningTheFile() {
        Path file = temp.resolve("d.db");
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
}
