package dev.deckhand.store;

import dev.deckhand.access.GrantStore;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Grants made in chat, in the {@code grants} table. */
public final class SqliteGrantStore implements GrantStore {

    private final Database db;
    private final Clock clock;

    public SqliteGrantStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public Optional<String> roleOf(String userId) {
        return db.query(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT role FROM grants WHERE user_id = ?")) {
                p.setString(1, userId);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void grant(String userId, String role, String grantedBy) {
        db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO grants(user_id, role, granted_by, granted_at) "
                    + "VALUES (?, ?, ?, ?) ON CONFLICT(user_id) DO UPDATE SET role = excluded.role, "
                    + "granted_by = excluded.granted_by, granted_at = excluded.granted_at")) {
                p.setString(1, userId);
                p.setString(2, role);
                p.setString(3, grantedBy);
                p.setString(4, clock.instant().toString());
                return p.executeUpdate();
            }
        });
    }

    @Override
    public boolean revoke(String userId) {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM grants WHERE user_id = ?")) {
                p.setString(1, userId);
                return p.executeUpdate() > 0;
            }
        });
    }

    @Override
    public Map<String, String> all() {
        return db.query(c -> {
            Map<String, String> result = new TreeMap<>();
            try (PreparedStatement p = c.prepareStatement("SELECT user_id, role FROM grants");
                 ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    result.put(rs.getString(1), rs.getString(2));
                }
            }
            return result;
        });
    }
}
