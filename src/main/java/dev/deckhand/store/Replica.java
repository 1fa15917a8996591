package dev.deckhand.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * This process among the replicas sharing the store. It has an id, keeps a heartbeat (a lease named
 * {@code instance:<id>} that it renews), and takes leases for once-per-team work ({@link #lead}).
 *
 * <p>Why a heartbeat: restart recovery must tell an approval whose process is gone (mark it
 * interrupted) from one another replica is still running (leave it alone). The claiming replica's id
 * is stored with the approval; it is gone when its heartbeat has expired, never merely because some
 * other process started. A replica that stops cleanly ({@link #close}) gives its heartbeat and leases
 * up at once; one that is killed loses them after {@link #ttl}.
 */
public final class Replica implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Replica.class);
    /** How long a heartbeat or lease lasts without renewal: the bound on noticing a dead replica. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(60);
    private static final String INSTANCE = "instance:";

    private final Leases leases;
    private final String id;
    private final Duration ttl;
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService heart;

    public Replica(Database db, Clock clock, String id, Duration ttl) {
        this.leases = new Leases(db, clock);
        this.id = id;
        this.ttl = ttl;
    }

    /** host-pid-random: readable in the leases table, unique even when a pid is reused after a restart. */
    public static String newId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "host";
        }
        String pid = ManagementFactory.getRuntimeMXBean().getName().split("@")[0];
        byte[] random = new byte[3];
        ThreadLocalRandom.current().nextBytes(random);
        return host + "-" + pid + "-" + HexFormat.of().formatHex(random);
    }

    public String id() {
        return id;
    }

    public Duration ttl() {
        return ttl;
    }

    /** Renews this replica's heartbeat and every lease it holds; a lease lost meanwhile is dropped. */
    public void heartbeat() {
        if (!leases.acquire(INSTANCE + id, id, ttl)) {
            log.error("Replica {}: heartbeat row held by another owner; check that instance ids are unique", id);
        }
        for (String name : held) {
            if (!leases.acquire(name, id, ttl)) {
                held.remove(name);
                log.warn("Replica {} lost the lease '{}' (expired and taken over)", id, name);
            }
        }
    }

    /** Starts renewing the heartbeat every quarter of the ttl on a daemon thread, until {@link #close}. */
    public synchronized void startHeartbeat() {
        if (heart != null) {
            return;
        }
        heartbeat();
        heart = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "replica-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(1, ttl.toMillis() / 4);
        heart.scheduleWithFixedDelay(() -> {
            try {
                heartbeat();
            } catch (RuntimeException e) {
                log.warn("Replica {}: heartbeat failed; retrying in {} ms", id, period, e);
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Takes or renews the lease for one piece of once-per-team work ({@code digest}, {@code approvals}).
     *
     * @return true when this replica should do that work now
     */
    public boolean lead(String work) {
        if (leases.acquire(work, id, ttl)) {
            held.add(work);
            return true;
        }
        held.remove(work);
        return false;
    }

    /** Gives up one lease at once (its work stops here), so another replica may take it without waiting. */
    public void release(String work) {
        held.remove(work);
        leases.release(work, id);
    }

    /** True for this replica, and for another whose heartbeat has not expired. */
    public boolean isAlive(String instanceId) {
        return id.equals(instanceId) || leases.holder(INSTANCE + instanceId).isPresent();
    }

    /** Stops the heartbeat and gives up every lease and the heartbeat itself: a clean stop is noticed at once. */
    @Override
    public void close() {
        synchronized (this) {
            if (heart != null) {
                heart.shutdownNow();
                heart = null;
            }
        }
        for (String name : Set.copyOf(held)) {
            release(name);
        }
        leases.release(INSTANCE + id, id);
    }

    @Override
    public String toString() {
        return "Replica[" + id + "]";
    }
}
