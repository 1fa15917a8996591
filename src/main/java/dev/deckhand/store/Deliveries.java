package dev.deckhand.store;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;

/**
 * Keys of things that must happen once per team, decided by the database's unique key
 * ({@code deliveries}, migration 6): a Slack delivery and its retries, a click and its double, one
 * scheduled digest. The first {@link #claim} of a key wins on every replica sharing the store; a
 * retry that lands on another replica finds the key taken and runs nothing.
 */
public final class Deliveries {

    private final Database db;
    private final Clock clock;

    public Deliveries(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Claims {@code key} for {@code keep}; an expired claim of the same key counts as free.
     *
     * @return true for the first claim within {@code keep}; false for a duplicate
     */
    public boolean claim(String key, Duration keep) {
        long now = clock.millis();
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO deliveries(delivery_key, expires_at) VALUES (?, ?) "
                    + "ON CONFLICT(delivery_key) DO UPDATE SET expires_at = excluded.expires_at "
                    + "WHERE deliveries.expires_at <= ?")) {
                p.setString(1, key);
                p.setLong(2, now + keep.toMillis());
                p.setLong(3, now);
                return p.executeUpdate() == 1;
            }
        });
    }

    /** Drops a claim whose work was refused without running (Deckhand busy), so a retry may run it. */
    public void forget(String key) {
        db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM deliveries WHERE delivery_key = ?")) {
                p.setString(1, key);
                return p.executeUpdate();
            }
        });
    }

    /** Deletes expired claims (they already count as free); keeps the table small. @return how many */
    public int purgeExpired() {
        long now = clock.millis();
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM deliveries WHERE expires_at <= ?")) {
                p.setLong(1, now);
                return p.executeUpdate();
            }
        });
    }
}
