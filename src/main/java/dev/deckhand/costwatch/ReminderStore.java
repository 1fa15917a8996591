package dev.deckhand.costwatch;

import dev.deckhand.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reminder state per finding in the store (table {@code leak_reminders}, migration 3; keyed by
 * {@link LeakKey#value()} since migration 40, with the bare id in {@code resource_id}).
 */
public final class ReminderStore {

    private static final String COLUMNS = "leak_id, region, kind, resource_id, fingerprint, first_seen, last_reminded, "
            + "times_reminded, snoozed_until, kept_by, kept_reason, kept_fingerprint";

    /**
     * How far replicas' clocks may disagree: a row another replica saw less than this before this scan asked
     * AWS is kept this time (its clock may be behind), and forgotten by a later scan if still gone.
     */
    static final java.time.Duration CLOCK_SKEW = java.time.Duration.ofMinutes(2);

    private final Database db;

    public ReminderStore(Database db) {
        this.db = db;
    }

    /** Notes that a scan found these; returns every one's state (new ones first seen {@code now}). */
    public Map<LeakKey, ReminderState> recordSeen(List<Leak> leaks, Instant now) {
        return recordSeen(leaks, Map.of(), now);
    }

    /**
     * As {@link #recordSeen(List, Instant)}, and forgets what AWS's answers in {@code judged} (region: when
     * that region was asked, in this scan, and judged in full) show gone: a finding of such a region last seen
     * before it was asked and not found now was deleted outside Deckhand or is in use again. Left behind, such
     * a row made {@code leaks keep web} ambiguous between a live finding and a balancer long gone. A row seen
     * since (another replica's newer scan) and every other region's rows stay, snoozes and keeps with them.
     */
    public Map<LeakKey, ReminderState> recordSeen(List<Leak> leaks, Map<String, Instant> judged, Instant now) {
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO leak_reminders(leak_id, region, kind, resource_id, "
                    + "fingerprint, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(leak_id) DO UPDATE SET "
                    + "region = excluded.region, kind = excluded.kind, fingerprint = excluded.fingerprint, "
                    + "last_seen = excluded.last_seen")) {
                for (Leak leak : leaks) {
                    p.setString(1, leak.key().value());
                    p.setString(2, leak.region());
                    p.setString(3, leak.kind().name());
                    p.setString(4, leak.id());
                    p.setString(5, leak.fingerprint());
                    p.setString(6, now.toString());
                    p.setString(7, now.toString());
                    p.addBatch();
                }
                p.executeBatch();
            }
            // One read of the whole (small) table beats a query per finding on a 17-region scan.
            java.util.Set<String> wanted = new java.util.HashSet<>();
            leaks.forEach(l -> wanted.add(l.key().value()));
            Map<LeakKey, ReminderState> states = new HashMap<>();
            Map<String, String> gone = new HashMap<>(); // leak_id -> the last_seen read
            try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + ", last_seen FROM leak_reminders");
                 ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    ReminderState s = state(rs);
                    Instant asked = judged.get(s.region());
                    if (wanted.contains(rs.getString(1))) {
                        states.put(s.key(), s);
                    } else if (asked != null && Instant.parse(rs.getString("last_seen")).isBefore(asked.minus(CLOCK_SKEW))) {
                        gone.put(rs.getString(1), rs.getString("last_seen"));
                    }
                }
            }
            if (!gone.isEmpty()) {
                // Only if unchanged since read: another replica's sighting in between (PostgreSQL reads committed
                // rows, not a snapshot of the transaction) keeps the row, its snooze and keep with it.
                try (PreparedStatement p = c.prepareStatement("DELETE FROM leak_reminders WHERE leak_id = ? AND last_seen = ?")) {
                    for (Map.Entry<String, String> row : gone.entrySet()) {
                        p.setString(1, row.getKey());
                        p.setString(2, row.getValue());
                        p.addBatch();
                    }
                    p.executeBatch();
                }
            }
            return states;
        });
    }

    public Optional<ReminderState> find(LeakKey key) {
        return db.read(c -> find(c, key));
    }

    /** Every finding with this resource id (a Classic load balancer's name may be one in several regions). */
    public List<ReminderState> findById(String id) {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM leak_reminders WHERE resource_id = ? ORDER BY region")) {
                p.setString(1, id);
                List<ReminderState> found = new java.util.ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        found.add(state(rs));
                    }
                }
                return found;
            }
        });
    }

    /** A digest showed it. */
    public void reminded(LeakKey key, Instant now) {
        update("UPDATE leak_reminders SET last_reminded = ?, times_reminded = times_reminded + 1 WHERE leak_id = ?",
                now.toString(), key.value());
    }

    /** Quiet until {@code until}; an answer, so the escalation count starts again. */
    public void snooze(LeakKey key, Instant until) {
        update("UPDATE leak_reminders SET snoozed_until = ?, times_reminded = 0 WHERE leak_id = ?", until.toString(),
                key.value());
    }

    /** Quiet while the resource keeps {@code fingerprint}. */
    public void keep(LeakKey key, String by, String reason, String fingerprint, Instant at) {
        update("UPDATE leak_reminders SET kept_by = ?, kept_reason = ?, kept_fingerprint = ?, kept_at = ?, "
                + "times_reminded = 0 WHERE leak_id = ?", by, reason, fingerprint, at.toString(), key.value());
    }

    /** The resource changed since it was kept: remind again. */
    public void endKeep(LeakKey key) {
        update("UPDATE leak_reminders SET kept_by = NULL, kept_reason = NULL, kept_fingerprint = NULL, kept_at = NULL "
                + "WHERE leak_id = ?", key.value());
    }

    /** The resource is gone (cleaned up). */
    public void forget(LeakKey key) {
        update("DELETE FROM leak_reminders WHERE leak_id = ?", key.value());
    }

    private void update(String sql, String... values) {
        db.read(c -> {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                for (int i = 0; i < values.length; i++) {
                    p.setString(i + 1, values[i]);
                }
                return p.executeUpdate();
            }
        });
    }

    private static Optional<ReminderState> find(Connection c, LeakKey key) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM leak_reminders WHERE leak_id = ?")) {
            p.setString(1, key.value());
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(state(rs)) : Optional.empty();
            }
        }
    }

    private static ReminderState state(ResultSet rs) throws SQLException {
        LeakKey key = new LeakKey(noun(rs.getString(3)), rs.getString(2), rs.getString(4));
        return new ReminderState(key, rs.getString(5), instant(rs.getString(6)),
                instant(rs.getString(7)), rs.getInt(8), instant(rs.getString(9)), rs.getString(10), rs.getString(11),
                rs.getString(12));
    }

    /** The stored kind is a {@link LeakKind} name; a kind this version does not know keeps its own name. */
    private static String noun(String kind) {
        try {
            return LeakKind.valueOf(kind).noun();
        } catch (IllegalArgumentException e) {
            return kind;
        }
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }
}
