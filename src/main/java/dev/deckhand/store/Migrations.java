package dev.deckhand.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

/**
 * Versioned schema changes, applied in order at start, each in its own transaction and recorded in
 * {@code schema_version}. Append new migrations at the end; never edit one that has shipped.
 * Versions reserved per feature so parallel work does not collide: 2 approvals, 3 cost watch,
 * 4 stacks and teardown, 5 and up: next free.
 */
public final class Migrations {

    /** @param version strictly increasing; @param sql statements separated by semicolons */
    public record Migration(int version, String description, String sql) { }

    static final List<Migration> ALL = List.of(
            new Migration(1, "audit log, grants, channel settings", """
                    CREATE TABLE audit (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        at TEXT NOT NULL,
                        user_id TEXT NOT NULL,
                        channel_id TEXT NOT NULL,
                        command TEXT NOT NULL,
                        region TEXT,
                        resources TEXT NOT NULL,
                        outcome TEXT NOT NULL,
                        detail TEXT NOT NULL
                    );
                    CREATE INDEX audit_at ON audit(at);
                    CREATE TABLE grants (
                        user_id TEXT PRIMARY KEY,
                        role TEXT NOT NULL,
                        granted_by TEXT NOT NULL,
                        granted_at TEXT NOT NULL
                    );
                    CREATE TABLE channel_settings (
                        channel_id TEXT PRIMARY KEY,
                        region TEXT
                    )
                    """),
            new Migration(2, "approval requests and their approvals", """
                    CREATE TABLE approval_requests (
                        id TEXT PRIMARY KEY,
                        requester TEXT NOT NULL,
                        channel_id TEXT NOT NULL,
                        command TEXT NOT NULL,
                        region TEXT NOT NULL,
                        reason TEXT NOT NULL,
                        monthly_change TEXT,
                        state TEXT NOT NULL,
                        created_at TEXT NOT NULL,
                        expires_at TEXT NOT NULL,
                        card_channel TEXT,
                        card_message TEXT,
                        decided_by TEXT,
                        decided_at TEXT,
                        note TEXT NOT NULL DEFAULT ''
                    );
                    CREATE INDEX approval_requests_state ON approval_requests(state, expires_at);
                    CREATE TABLE approval_votes (
                        request_id TEXT NOT NULL REFERENCES approval_requests(id),
                        approver TEXT NOT NULL,
                        at TEXT NOT NULL,
                        PRIMARY KEY (request_id, approver)
                    )
                    """),
            new Migration(3, "cost watch reminders", """
                    CREATE TABLE leak_reminders (
                        leak_id TEXT PRIMARY KEY,
                        region TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        fingerprint TEXT NOT NULL,
                        first_seen TEXT NOT NULL,
                        last_seen TEXT NOT NULL,
                        last_reminded TEXT,
                        times_reminded INTEGER NOT NULL DEFAULT 0,
                        snoozed_until TEXT,
                        kept_by TEXT,
                        kept_reason TEXT,
                        kept_fingerprint TEXT,
                        kept_at TEXT
                    )
                    """),
            new Migration(5, "plans: what an approval pinned, and the plan and approval of each audit row", """
                    ALTER TABLE approval_requests ADD COLUMN plan_pin TEXT;
                    ALTER TABLE approval_requests ADD COLUMN plan_json TEXT;
                    ALTER TABLE audit ADD COLUMN approval_id TEXT;
                    ALTER TABLE audit ADD COLUMN plan_json TEXT
                    """));

    private Migrations() {
    }

    static void apply(Database db) {
        apply(db, ALL);
    }

    static void apply(Database db, List<Migration> migrations) {
        db.transaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)");
            }
            return null;
        });
        int current = currentVersion(db);
        for (Migration migration : migrations) {
            if (migration.version() <= current) {
                continue;
            }
            db.transaction(c -> {
                try (Statement s = c.createStatement()) {
                    for (String statement : migration.sql().split(";")) {
                        if (!statement.isBlank()) {
                            s.execute(statement);
                        }
                    }
                }
                try (PreparedStatement p = c.prepareStatement(
                        "INSERT INTO schema_version(version, description, applied_at) VALUES (?, ?, datetime('now'))")) {
                    p.setInt(1, migration.version());
                    p.setString(2, migration.description());
                    p.executeUpdate();
                }
                return null;
            });
        }
    }

    public static int currentVersion(Database db) {
        return db.read(c -> {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        });
    }
}
