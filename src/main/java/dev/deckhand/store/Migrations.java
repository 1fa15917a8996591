package dev.deckhand.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Versioned schema changes, applied in order at start, each in its own transaction and recorded in
 * {@code schema_version}. Append new migrations at the end; never edit one that has shipped.
 * Versions reserved per feature so parallel work does not collide: 2 approvals, 3 cost watch,
 * 4 stacks and teardown, 5 plans, 6 replicas (leases, deliveries), 7 and up: next free.
 *
 * <p>One list for SQLite and PostgreSQL: write SQL both accept (TEXT, INTEGER, BIGINT for epoch
 * milliseconds, {@code ALTER TABLE x ADD COLUMN y TEXT}); {@link Dialect#schema} rewrites the little
 * that differs ({@code INTEGER PRIMARY KEY AUTOINCREMENT} becomes {@code BIGSERIAL PRIMARY KEY}).
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
                    """),
            new Migration(6, "replicas: leases, heartbeats, deliveries, the instance running an approval", """
                    CREATE TABLE leases (
                        name TEXT PRIMARY KEY,
                        owner TEXT NOT NULL,
                        expires_at BIGINT NOT NULL,
                        heartbeat_at BIGINT NOT NULL
                    );
                    CREATE TABLE deliveries (
                        delivery_key TEXT PRIMARY KEY,
                        expires_at BIGINT NOT NULL
                    );
                    CREATE INDEX deliveries_expires ON deliveries(expires_at);
                    ALTER TABLE approval_requests ADD COLUMN claimed_by TEXT;
                    ALTER TABLE approval_votes ADD COLUMN seq INTEGER
                    """),
            new Migration(7, "a change counter shared by replicas, so each drops its caches after another's change", """
                    CREATE TABLE change_counters (
                        name TEXT PRIMARY KEY,
                        value BIGINT NOT NULL
                    )
                    """),
            new Migration(30, "a channel's default AWS account (aws.accounts), set with `account <name>`", """
                    ALTER TABLE channel_settings ADD COLUMN account TEXT
                    """),
            new Migration(40, "cost watch: a finding is keyed by kind, region and id (Classic load balancer names repeat "
                    + "across regions)", """
                    ALTER TABLE leak_reminders ADD COLUMN resource_id TEXT;
                    UPDATE leak_reminders SET resource_id = leak_id;
                    UPDATE leak_reminders SET leak_id = (CASE kind WHEN 'ELASTIC_IP' THEN 'eip' WHEN 'LOAD_BALANCER' THEN 'lb'
                        WHEN 'CLASSIC_LOAD_BALANCER' THEN 'clb' WHEN 'VOLUME' THEN 'volume' ELSE 'instance' END)
                        || ' ' || region || ' ' || leak_id
                    """),
            new Migration(41, "cost watch: instance prices learnt from the Price List API, with the date asked", """
                    CREATE TABLE price_cache (
                        region TEXT NOT NULL,
                        instance_type TEXT NOT NULL,
                        usd_per_hour TEXT NOT NULL,
                        as_of TEXT NOT NULL,
                        PRIMARY KEY (region, instance_type)
                    )
                    """),
            new Migration(50, "off-hours schedules: one row per scheduled instance", """
                    CREATE TABLE schedules (
                        instance_id TEXT PRIMARY KEY,
                        region TEXT NOT NULL,
                        label TEXT NOT NULL,
                        target TEXT NOT NULL,
                        days TEXT NOT NULL,
                        from_time TEXT NOT NULL,
                        to_time TEXT NOT NULL,
                        zone TEXT NOT NULL,
                        channel_id TEXT NOT NULL,
                        created_by TEXT NOT NULL,
                        created_at BIGINT NOT NULL,
                        override_until BIGINT,
                        started_by_deckhand_at BIGINT
                    )
                    """),
            new Migration(51, "waste trend: each scan's totals per account, region, owner and kind", """
                    CREATE TABLE leak_totals (
                        scanned_at BIGINT NOT NULL,
                        account TEXT NOT NULL,
                        region TEXT NOT NULL,
                        owner TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        monthly_usd TEXT NOT NULL
                    );
                    CREATE INDEX leak_totals_at ON leak_totals(scanned_at, region)
                    """));

    private Migrations() {
    }

    static void apply(Database db) {
        apply(db, ALL);
    }

    /**
     * Applies every migration whose version is not yet recorded, lowest first, each in its own
     * transaction that first takes the migration lock ({@link Dialect#lockMigrations}) and then reads
     * what is applied: two processes starting together apply each migration once, the second one
     * finding it done. Applied versions are a set, not a high-water mark, so a migration merged from a
     * branch with a lower number than one already applied (5 after 6) still runs.
     */
    static void apply(Database db, List<Migration> migrations) {
        List<Migration> ordered = migrations.stream().sorted(java.util.Comparator.comparingInt(Migration::version)).toList();
        for (Migration migration : ordered) {
            db.transaction(c -> {
                db.dialect().lockMigrations(c);
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                            + "description TEXT NOT NULL, applied_at TEXT NOT NULL)");
                }
                if (applied(c).contains(migration.version())) {
                    return null;
                }
                try (Statement s = c.createStatement()) {
                    for (String statement : db.dialect().schema(migration.sql()).split(";")) {
                        if (!statement.isBlank()) {
                            s.execute(statement);
                        }
                    }
                }
                try (PreparedStatement p = c.prepareStatement(
                        "INSERT INTO schema_version(version, description, applied_at) VALUES (?, ?, ?)")) {
                    p.setInt(1, migration.version());
                    p.setString(2, migration.description());
                    p.setString(3, Instant.now().toString());
                    p.executeUpdate();
                }
                return null;
            });
        }
    }

    private static Set<Integer> applied(Connection c) throws SQLException {
        Set<Integer> versions = new HashSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT version FROM schema_version")) {
            while (rs.next()) {
                versions.add(rs.getInt(1));
            }
        }
        return versions;
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
