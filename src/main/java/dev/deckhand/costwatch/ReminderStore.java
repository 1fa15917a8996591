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

/** Reminder state per finding in SQLite (table {@code leak_reminders}, migration 3). */
public final class ReminderStore {

    private static final String COLUMNS = "leak_id, region, fingerprint, first_seen, last_reminded, times_reminded, "
            + "snoozed_until, kept_by, kept_reason, kept_fingerprint";

    private final Database db;

    public ReminderStore(Database db) {
        this.db = db;
    }

    /** Notes that a scan found these; returns every one's state (new ones first seen {@code now}). */
    public Map<String, ReminderState> recordSeen(List<Leak> leaks, Instant now) {
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO leak_reminders(leak_id, region, kind, fingerprint, "
                    + "first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(leak_id) DO UPDATE SET "
                    + "region = excluded.region, kind = excluded.kind, fingerprint = excluded.fingerprint, "
                    + "last_seen = excluded.last_seen")) {
                for (Leak leak : leaks) {
                    p.setString(1, leak.id());
                    p.setString(2, leak.region());
                    p.setString(3, leak.kind().name());
                    p.setString(4, leak.fingerprint());
                    p.setString(5, now.toString());
                    p.setString(6, now.toString());
                    p.addBatch();
                }
                p.executeBatch();
            }
            // One read of the whole (small) table beats a query per finding on a 17-region scan.
            java.util.Set<String> wanted = new java.util.HashSet<>();
            leaks.forEach(l -> wanted.add(l.id()));
            Map<String, ReminderState> states = new HashMap<>();
            try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM leak_reminders");
                 ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    if (wanted.contains(rs.getString(1))) {
                        ReminderState s = state(rs);
                        states.put(s.leakId(), s);
                    }
                }
            }
            return states;
        });
    }

    public Optional<ReminderState> find(String leakId) {
        return db.read(c -> find(c, leakId));
    }

    /** A digest showed it. */
    public void reminded(String leakId, Instant now) {
        update("UPDATE leak_reminders SET last_reminded = ?, times_reminded = times_reminded + 1 WHERE leak_id = ?",
                now.toString(), leakId);
    }

    /** Quiet until {@code until}; an answer, so the escalation count starts again. */
    public void snooze(String leakId, Instant until) {
        update("UPDATE leak_reminders SET snoozed_until = ?, times_reminded = 0 WHERE leak_id = ?", until.toString(), leakId);
    }

    /** Quiet while the resource keeps {@code fingerprint}. */
    public void keep(String leakId, String by, String reason, String fingerprint, Instant at) {
        update("UPDATE leak_reminders SET kept_by = ?, kept_reason = ?, kept_fingerprint = ?, kept_at = ?, "
                + "times_reminded = 0 WHERE leak_id = ?", by, reason, fingerprint, at.toString(), leakId);
    }

    /** The resource changed since it was kept: remind again. */
    public void endKeep(String leakId) {
        update("UPDATE leak_reminders SET kept_by = NULL, kept_reason = NULL, kept_fingerprint = NULL, kept_at = NULL "
                + "WHERE leak_id = ?", leakId);
    }

    /** The resource is gone (cleaned up). */
    public void forget(String leakId) {
        update("DELETE FROM leak_reminders WHERE leak_id = ?", leakId);
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

    private static Optional<ReminderState> find(Connection c, String leakId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM leak_reminders WHERE leak_id = ?")) {
            p.setString(1, leakId);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(state(rs)) : Optional.empty();
            }
        }
    }

    private static ReminderState state(ResultSet rs) throws SQLException {
        return new ReminderState(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs.getString(4)),
                instant(rs.getString(5)), rs.getInt(6), instant(rs.getString(7)), rs.getString(8), rs.getString(9),
                rs.getString(10));
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }
}
