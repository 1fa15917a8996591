package dev.deckhand.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Named leases in the {@code leases} table (migration 6): who may do a piece of once-per-team work,
 * and until when. Taking and renewing are one compare-and-set statement ({@code INSERT ... ON CONFLICT
 * DO UPDATE ... WHERE} the row is ours or has expired), so two replicas asking at the same moment get
 * one yes between them on SQLite and PostgreSQL alike. A holder that stops renewing (killed, frozen,
 * cut off) loses the lease when it expires; there is no other way to lose it.
 *
 * <p>Times are epoch milliseconds from each replica's injected clock: the guarantee holds up to the
 * clock skew between replicas, which must stay well under the lease's length.
 */
public final class Leases {

    private final Database db;
    private final Clock clock;

    public Leases(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Who holds a lease, until when, and when they last renewed it. */
    public record Holder(String owner, Instant expiresAt, Instant heartbeatAt) { }

    /**
     * Takes {@code name} for {@code owner} until now + {@code ttl} if it is free, expired, or already
     * {@code owner}'s (then it is renewed).
     *
     * @return true when {@code owner} holds the lease now
     */
    public boolean acquire(String name, String owner, Duration ttl) {
        long now = clock.millis();
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO leases(name, owner, expires_at, heartbeat_at) "
                    + "VALUES (?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET owner = excluded.owner, "
                    + "expires_at = excluded.expires_at, heartbeat_at = excluded.heartbeat_at "
                    + "WHERE leases.owner = excluded.owner OR leases.expires_at <= ?")) {
                p.setString(1, name);
                p.setString(2, owner);
                p.setLong(3, now + ttl.toMillis());
                p.setLong(4, now);
                p.setLong(5, now);
                return p.executeUpdate() == 1;
            }
        });
    }

    /** Gives the lease up at once, if {@code owner} still holds it; another's lease is left alone. */
    public void release(String name, String owner) {
        db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM leases WHERE name = ? AND owner = ?")) {
                p.setString(1, name);
                p.setString(2, owner);
                return p.executeUpdate();
            }
        });
    }

    /** The current, unexpired holder of {@code name}; empty when it is free or has expired. */
    public Optional<Holder> holder(String name) {
        long now = clock.millis();
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT owner, expires_at, heartbeat_at FROM leases WHERE name = ? AND expires_at > ?")) {
                p.setString(1, name);
                p.setLong(2, now);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.of(new Holder(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)),
                            Instant.ofEpochMilli(rs.getLong(3)))) : Optional.empty();
                }
            }
        });
    }
}
