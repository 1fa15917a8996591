package dev.deckhand.approval;

import dev.deckhand.chat.ChatPort.MessageRef;
import dev.deckhand.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Every column a request is written with comes back as it went in (a real SQLite file). */
class ApprovalStoreWritesTest {

    private static final Instant NOW = Instant.parse("2026-11-25T13:00:00Z");

    @TempDir
    Path temp;

    @Test
    void insert_thenFind_returnsEveryField() {
        ApprovalRequest decided = new ApprovalRequest("dddddddd", "U_DEP", "C1", "ec2 stop web-1 --region eu-west-1",
                "eu-west-1", "not yours", Optional.of(new BigDecimal("-3.50")), ApprovalState.DENIED, NOW,
                NOW.plusSeconds(600), Optional.of(new MessageRef("C_APPROVALS", "ts9")), List.of(), "U_ADMIN",
                Optional.of(NOW.plusSeconds(60)), "not now");
        try (Database db = Database.open(temp.resolve("deckhand.db"))) {
            ApprovalStore store = new ApprovalStore(db);
            store.insert(decided);

            assertThat(store.find("dddddddd")).contains(decided);
            assertThat(store.find("zzzzzzzz")).isEmpty();
        }
    }

    @Test
    void insert_withoutOptionalParts_readsBackEmpty() {
        ApprovalRequest bare = new ApprovalRequest("eeeeeeee", "U_DEP", "C1", "eip release 1.2.3.4", "us-east-1", "why",
                Optional.empty(), ApprovalState.PENDING, NOW, NOW.plusSeconds(600), Optional.empty(), List.of(), "",
                Optional.empty(), "");
        try (Database db = Database.open(temp.resolve("deckhand.db"))) {
            ApprovalStore store = new ApprovalStore(db);
            store.insert(bare);

            ApprovalRequest found = store.find("eeeeeeee").orElseThrow();
            assertThat(found).isEqualTo(bare);
            assertThat(store.planPin("eeeeeeee")).isEmpty();
            assertThat(store.inState(ApprovalState.PENDING)).containsExactly(bare);
        }
    }

    @Test
    void attachPlanAndCard_areStoredOnThatRequestOnly() {
        try (Database db = Database.open(temp.resolve("deckhand.db"))) {
            ApprovalStore store = new ApprovalStore(db);
            store.insert(pending("ffffffff"));
            store.insert(pending("gggggggg"));

            store.attachPlan("ffffffff", "us-east-1\nDelete: ...", "{\"id\":\"p-1\"}");
            store.attachCard("ffffffff", new MessageRef("C_APPROVALS", "ts42"));

            assertThat(store.planPin("ffffffff")).contains("us-east-1\nDelete: ...");
            assertThat(store.planPin("gggggggg")).isEmpty();
            assertThat(store.find("ffffffff").orElseThrow().card()).contains(new MessageRef("C_APPROVALS", "ts42"));
            assertThat(store.find("gggggggg").orElseThrow().card()).isEmpty();
            assertThat(planJson(db, "ffffffff")).isEqualTo("{\"id\":\"p-1\"}");
        }
    }

    private static ApprovalRequest pending(String id) {
        return new ApprovalRequest(id, "U_DEP", "C1", "ec2 terminate i-1 --region us-east-1", "us-east-1", "why",
                Optional.empty(), ApprovalState.PENDING, NOW, NOW.plusSeconds(1800), Optional.empty(), List.of(), "",
                Optional.empty(), "");
    }

    private static String planJson(Database db, String id) {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT plan_json FROM approval_requests WHERE id = ?")) {
                p.setString(1, id);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
    }

    @Test
    void transition_recordsTheClaimingReplica_onlyForApprovedAndRunning_andKeepsWhoDecided() {
        try (Database db = Database.open(temp.resolve("deckhand.db"))) {
            ApprovalStore first = new ApprovalStore(db, "replica-1");
            ApprovalStore second = new ApprovalStore(db, "replica-2");
            first.insert(pending("hhhhhhhh"));
            first.insert(pending("jjjjjjjj"));

            assertThat(first.vote("hhhhhhhh", "U_ADMIN", NOW, 1)).isInstanceOf(ApprovalStore.Vote.Reached.class);
            assertThat(first.claimedBy("hhhhhhhh")).contains("replica-1");
            assertThat(second.transition("hhhhhhhh", ApprovalState.APPROVED, ApprovalState.RUNNING, null, NOW, null)).isTrue();
            assertThat(second.claimedBy("hhhhhhhh")).contains("replica-2");
            assertThat(second.find("hhhhhhhh").orElseThrow().decidedBy()).isEqualTo("U_ADMIN");
            assertThat(second.find("hhhhhhhh").orElseThrow().decidedAt()).contains(NOW);

            assertThat(second.transition("jjjjjjjj", ApprovalState.PENDING, ApprovalState.DENIED, "U_ADMIN", NOW, "no")).isTrue();
            assertThat(second.claimedBy("jjjjjjjj")).isEmpty();
            assertThat(second.claimedBy("zzzzzzzz")).isEmpty();
        }
    }

    @Test
    void vote_onAnUnknownRequest_isNotPending() {
        try (Database db = Database.open(temp.resolve("deckhand.db"))) {
            assertThat(new ApprovalStore(db).vote("zzzzzzzz", "U_ADMIN", NOW, 1))
                    .isEqualTo(new ApprovalStore.Vote.NotPending(null));
        }
    }

    /*
     * Surviving mutants here, and why no test kills them:
     * - insert/attachPlan/attachCard: "return 0 instead of the update count" inside the db.read lambda is
     *   equivalent; the count is discarded (the round trips above show the rows are written).
     * - vote: "seq = approvers + 1" mutated to "- 1" is equivalent: seq only orders the votes, and any
     *   increasing sequence orders them the same.
     * - vote: the NotPending returned when the compare-and-set to approved fails is unreachable in one
     *   transaction that has already locked the row and seen it pending; it is a guard, not a path.
     */
}
