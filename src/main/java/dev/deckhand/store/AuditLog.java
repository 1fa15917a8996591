package dev.deckhand.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Append-only record of every change to AWS, newest first when read. */
public final class AuditLog {

    private final Database db;

    public AuditLog(Database db) {
        this.db = db;
    }

    public void record(AuditEntry entry) {
        db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO audit(at, user_id, channel_id, command, region, "
                    + "resources, outcome, detail, approval_id, plan_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                p.setString(1, entry.at().toString());
                p.setString(2, entry.userId());
                p.setString(3, entry.channelId());
                p.setString(4, entry.command());
                p.setString(5, entry.region());
                p.setString(6, String.join(",", entry.resources()));
                p.setString(7, entry.outcome().name());
                p.setString(8, entry.detail());
                p.setString(9, entry.approvalId().isEmpty() ? null : entry.approvalId());
                p.setString(10, entry.plan().isEmpty() ? null : entry.plan());
                return p.executeUpdate();
            }
        });
    }

    public List<AuditEntry> latest(int limit) {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT at, user_id, channel_id, command, region, resources, "
                    + "outcome, detail, approval_id, plan_json FROM audit ORDER BY id DESC LIMIT ?")) {
                p.setInt(1, limit);
                List<AuditEntry> entries = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        String resources = rs.getString(6);
                        entries.add(new AuditEntry(Instant.parse(rs.getString(1)), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getString(5),
                                resources.isEmpty() ? List.of() : Arrays.asList(resources.split(",")),
                                AuditEntry.Outcome.valueOf(rs.getString(7)), rs.getString(8), rs.getString(9),
                                rs.getString(10)));
                    }
                }
                return entries;
            }
        });
    }
}
