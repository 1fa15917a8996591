package dev.deckhand.approval;

import dev.deckhand.chat.ChatPort.MessageRef;
import dev.deckhand.store.Database;
import dev.deckhand.store.Replica;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Approval requests in the store ({@code approval_requests}, {@code approval_votes}, migration 2). Every
 * change of state is a compare-and-set ({@code UPDATE ... WHERE id = ? AND state = ?}) whose row
 * count says who won: two approvers at the same moment, or one click delivered twice, move a request
 * forward once. That holds across processes sharing the database too (replicas on PostgreSQL), not
 * only across threads.
 *
 * <p>The move to approved or running records which replica made it ({@code claimed_by}, migration 6):
 * that replica runs the action, and restart recovery leaves the request alone while it is alive.
 */
public final class ApprovalStore {

    /** What came of one approval vote. */
    public sealed interface Vote {
        /** Counted; more approvals are needed. */
        record Recorded(int approvals) implements Vote { }

        /** This approver had already approved. */
        record AlreadyVoted(int approvals) implements Vote { }

        /** This vote was the last one needed and moved the request to approved: the caller runs it. */
        record Reached(ApprovalRequest request) implements Vote { }

        /** Not pending any more (someone else decided, or it expired); nothing was counted. */
        record NotPending(ApprovalState state) implements Vote { }
    }

    private static final String COLUMNS = "id, requester, channel_id, command, region, reason, monthly_change, state, "
            + "created_at, expires_at, card_channel, card_message, decided_by, decided_at, note";

    private final Database db;
    private final String instanceId;

    /** A store for one process on its own: its claims carry a fresh instance id. */
    public ApprovalStore(Database db) {
        this(db, Replica.newId());
    }

    /** @param instanceId this replica's id, recorded on the requests it approves and runs */
    public ApprovalStore(Database db, String instanceId) {
        this.db = db;
        this.instanceId = instanceId;
    }

    public void insert(ApprovalRequest r) {
        db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO approval_requests(" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                p.setString(1, r.id());
                p.setString(2, r.requester());
                p.setString(3, r.channelId());
                p.setString(4, r.command());
                p.setString(5, r.region());
                p.setString(6, r.reason());
                p.setString(7, r.monthlyChange().map(BigDecimal::toPlainString).orElse(null));
                p.setString(8, r.state().name());
                p.setString(9, r.createdAt().toString());
                p.setString(10, r.expiresAt().toString());
                p.setString(11, r.card().map(MessageRef::channelId).orElse(null));
                p.setString(12, r.card().map(MessageRef::messageId).orElse(null));
                p.setString(13, r.decidedBy().isEmpty() ? null : r.decidedBy());
                p.setString(14, r.decidedAt().map(Instant::toString).orElse(null));
                p.setString(15, r.note());
                return p.executeUpdate();
            }
        });
    }

    public Optional<ApprovalRequest> find(String id) {
        return db.read(c -> {
            List<ApprovalRequest> found = select(c, "WHERE id = ?", id);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        });
    }

    public List<ApprovalRequest> inState(ApprovalState state) {
        return db.read(c -> select(c, "WHERE state = ? ORDER BY created_at, id", state.name()));
    }

    /** Pending requests whose expiry is at or before {@code now}. */
    public List<ApprovalRequest> pendingDue(Instant now) {
        return db.read(c -> select(c, "WHERE state = 'PENDING' AND expires_at <= ? ORDER BY expires_at, id", now.toString()));
    }

    /** Pins the plan a request was made for: its {@link dev.deckhand.plan.Plan#pin()} and its JSON. */
    public void attachPlan(String id, String pin, String planJson) {
        db.read(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE approval_requests SET plan_pin = ?, plan_json = ? WHERE id = ?")) {
                p.setString(1, pin);
                p.setString(2, planJson);
                p.setString(3, id);
                return p.executeUpdate();
            }
        });
    }

    /** The pin of the plan that was asked for; empty when none was stored (such a request never runs). */
    public Optional<String> planPin(String id) {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT plan_pin FROM approval_requests WHERE id = ?")) {
                p.setString(1, id);
                try (java.sql.ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    public void attachCard(String id, MessageRef card) {
        db.read(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE approval_requests SET card_channel = ?, card_message = ? WHERE id = ?")) {
                p.setString(1, card.channelId());
                p.setString(2, card.messageId());
                p.setString(3, id);
                return p.executeUpdate();
            }
        });
    }

    /** The replica that approved or started running the request; empty before, or for rows from before migration 6. */
    public Optional<String> claimedBy(String id) {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT claimed_by FROM approval_requests WHERE id = ?")) {
                p.setString(1, id);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /**
     * Compare-and-set: moves the request from {@code from} to {@code to} only if it is still in
     * {@code from}. {@code decidedBy}, when given, is recorded with {@code at} as who decided. A move to
     * approved or running records this replica as the claimant.
     *
     * @return true when this call made the move
     */
    public boolean transition(String id, ApprovalState from, ApprovalState to, String decidedBy, Instant at, String note) {
        return db.read(c -> cas(c, id, from, to, decidedBy, at, note));
    }

    /**
     * Counts {@code approver}'s approval of a pending, unexpired request and, when it is the last one
     * needed, moves the request to approved in the same transaction.
     *
     * <p>The request's row is locked first (a no-op update): without it, on PostgreSQL two approvers
     * voting at once each count only their own vote (read committed) and a request needing two stays
     * pending with two votes. On SQLite the transaction's write lock already serialises them.
     */
    public Vote vote(String id, String approver, Instant now, int required) {
        return db.transaction(c -> {
            try (PreparedStatement lock = c.prepareStatement("UPDATE approval_requests SET state = state WHERE id = ?")) {
                lock.setString(1, id);
                lock.executeUpdate();
            }
            List<ApprovalRequest> found = select(c, "WHERE id = ?", id);
            if (found.isEmpty()) {
                return new Vote.NotPending(null);
            }
            ApprovalRequest request = found.get(0);
            if (request.state() != ApprovalState.PENDING || request.isExpiredAt(now)) {
                return new Vote.NotPending(request.state());
            }
            int inserted;
            try (PreparedStatement p = c.prepareStatement("INSERT INTO approval_votes(request_id, approver, at, seq) "
                    + "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                p.setString(1, id);
                p.setString(2, approver);
                p.setString(3, now.toString());
                p.setInt(4, request.approvers().size() + 1);
                inserted = p.executeUpdate();
            }
            int count = votes(c, id).size();
            if (inserted == 0) {
                return new Vote.AlreadyVoted(count);
            }
            if (count < required) {
                return new Vote.Recorded(count);
            }
            if (!cas(c, id, ApprovalState.PENDING, ApprovalState.APPROVED, approver, now, "")) {
                return new Vote.NotPending(select(c, "WHERE id = ?", id).get(0).state());
            }
            return new Vote.Reached(select(c, "WHERE id = ?", id).get(0));
        });
    }

    private boolean cas(Connection c, String id, ApprovalState from, ApprovalState to, String decidedBy,
                        Instant at, String note) throws SQLException {
        String claim = to == ApprovalState.APPROVED || to == ApprovalState.RUNNING ? ", claimed_by = ?" : "";
        String sql = decidedBy == null
                ? "UPDATE approval_requests SET state = ?, note = COALESCE(?, note)" + claim + " WHERE id = ? AND state = ?"
                : "UPDATE approval_requests SET state = ?, note = COALESCE(?, note), decided_by = ?, decided_at = ?" + claim
                + " WHERE id = ? AND state = ?";
        try (PreparedStatement p = c.prepareStatement(sql)) {
            int i = 1;
            p.setString(i++, to.name());
            p.setString(i++, note);
            if (decidedBy != null) {
                p.setString(i++, decidedBy);
                p.setString(i++, at.toString());
            }
            if (!claim.isEmpty()) {
                p.setString(i++, instanceId);
            }
            p.setString(i++, id);
            p.setString(i, from.name());
            return p.executeUpdate() == 1;
        }
    }

    private static List<ApprovalRequest> select(Connection c, String where, String param) throws SQLException {
        List<ApprovalRequest> result = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM approval_requests " + where)) {
            p.setString(1, param);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    String cardChannel = rs.getString(11);
                    String cardMessage = rs.getString(12);
                    String decidedAt = rs.getString(14);
                    result.add(new ApprovalRequest(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), Optional.ofNullable(rs.getString(7)).map(BigDecimal::new),
                            ApprovalState.valueOf(rs.getString(8)), Instant.parse(rs.getString(9)),
                            Instant.parse(rs.getString(10)),
                            cardChannel == null ? Optional.empty() : Optional.of(new MessageRef(cardChannel, cardMessage)),
                            List.of(), rs.getString(13), Optional.ofNullable(decidedAt).map(Instant::parse),
                            rs.getString(15)));
                }
            }
        }
        List<ApprovalRequest> withVotes = new ArrayList<>(result.size());
        for (ApprovalRequest r : result) {
            withVotes.add(new ApprovalRequest(r.id(), r.requester(), r.channelId(), r.command(), r.region(), r.reason(),
                    r.monthlyChange(), r.state(), r.createdAt(), r.expiresAt(), r.card(), votes(c, r.id()),
                    r.decidedBy(), r.decidedAt(), r.note()));
        }
        return withVotes;
    }

    private static List<String> votes(Connection c, String id) throws SQLException {
        List<String> approvers = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT approver FROM approval_votes WHERE request_id = ? ORDER BY COALESCE(seq, 0), at, approver")) {
            p.setString(1, id);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    approvers.add(rs.getString(1));
                }
            }
        }
        return approvers;
    }
}
