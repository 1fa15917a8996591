package dev.deckhand.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Keeps in-memory caches (scan results, instance listings) right across replicas: every change one
 * replica applies bumps a counter in the store ({@code change_counters}, migration 7), and before a
 * replica answers from a cache it reads the counter; when another replica changed something since,
 * its caches are dropped first. One indexed read per command, no listener connection to keep alive.
 */
public final class SharedChanges {

    private static final String NAME = "aws";

    private final Database db;
    private final List<Runnable> invalidations = new CopyOnWriteArrayList<>();
    private long seen;

    public SharedChanges(Database db) {
        this.db = db;
        this.seen = current();
    }

    /** What to drop when another replica has changed something. */
    public void onForeignChange(Runnable invalidate) {
        invalidations.add(invalidate);
    }

    /** Records that this replica changed something; its own caches were dropped by the caller. */
    public synchronized void bump() {
        db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO change_counters(name, value) VALUES (?, 1) "
                    + "ON CONFLICT(name) DO UPDATE SET value = change_counters.value + 1")) {
                p.setString(1, NAME);
                return p.executeUpdate();
            }
        });
        // This replica's own change needs no second invalidation, but a concurrent foreign one might have
        // slipped in between: only skip what is certainly ours.
        long now = current();
        if (now == seen + 1) {
            seen = now;
        }
    }

    /** Drops the caches when the counter moved since this replica last looked. @return whether it had */
    public synchronized boolean refresh() {
        long now = current();
        if (now == seen) {
            return false;
        }
        seen = now;
        new ArrayList<>(invalidations).forEach(Runnable::run);
        return true;
    }

    private long current() {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT value FROM change_counters WHERE name = ?")) {
                p.setString(1, NAME);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }
}
