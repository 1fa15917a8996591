package dev.deckhand.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps in-memory caches (scan results, instance listings) right across replicas: every change one
 * replica applies bumps a counter in the store ({@code change_counters}, migration 7), and before a
 * replica answers from a cache it reads the counter; when another replica changed something since,
 * its caches are dropped first. One indexed read per command, no listener connection to keep alive.
 *
 * <p>No lock is held across the read: {@link #refresh} runs before every command, Slack acknowledgements
 * included, and when it was {@code synchronized} every command queued behind the others' reads two locks deep
 * (this one, then the store's connection); JFR of {@code bench/slack-ack.sh} showed HTTP threads blocked on it
 * for 139 s in all within one cold-start burst. Commands that race on a change each drop the caches (harmless);
 * a value is recorded only after its drop, so a command that finds it recorded never finds the old caches.
 */
public final class SharedChanges {

    private static final String NAME = "aws";

    private final Database db;
    private final List<Runnable> invalidations = new CopyOnWriteArrayList<>();
    private final AtomicLong seen;

    public SharedChanges(Database db) {
        this.db = db;
        this.seen = new AtomicLong(current());
    }

    /** What to drop when another replica has changed something. */
    public void onForeignChange(Runnable invalidate) {
        invalidations.add(invalidate);
    }

    /** Records that this replica changed something; its own caches were dropped by the caller. */
    public void bump() {
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
        seen.compareAndSet(now - 1, now);
    }

    /** Drops the caches when the counter moved since this replica last looked. @return whether it had */
    public boolean refresh() {
        long now = current();
        if (now == seen.get()) {
            return false;
        }
        new ArrayList<>(invalidations).forEach(Runnable::run);
        seen.set(now);
        return true;
    }

    private long current() {
        return db.query(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT value FROM change_counters WHERE name = ?")) {
                p.setString(1, NAME);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }
}
