package dev.deckhand.ratelimit;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * At most {@code perSecond} calls in any one second, as the far end sees them: a bucket of
 * {@code perSecond} tokens in which a spent token comes back one second after its call has
 * <em>finished</em> (its answer came, or it failed). A call reaches AWS somewhere between its start and
 * its answer; counting the second from the answer makes the promise hold however long the network, a
 * busy CPU or a retry delays the request, which counting from the start would not (under load, requests
 * started a second apart arrive together). The price is a little throughput: a token serves one call per
 * second plus the call's latency.
 *
 * <p>AWS's own buckets refill continuously; this stricter form is what lets Deckhand promise "never more
 * than N in any second", which a full bucket plus a continuous refill would break by up to twice N.
 */
public final class CallRate {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    /** A spent token; give it back when the call is over. */
    public final class Permit {

        private final int slot;
        private boolean released;

        private Permit(int slot) {
            this.slot = slot;
        }

        /** The call is over: the token is free again one second from now. Idempotent. */
        public void release() {
            synchronized (CallRate.this) {
                if (released) {
                    return;
                }
                released = true;
                held[slot] = false;
                freeAt[slot] = nanoTime.getAsLong() + SECOND;
                CallRate.this.notifyAll();
            }
        }
    }

    private final int perSecond;
    private final LongSupplier nanoTime;
    private final long[] freeAt;
    private final boolean[] held;
    private final boolean[] used;

    public CallRate(int perSecond) {
        this(perSecond, System::nanoTime);
    }

    /** @param nanoTime a monotonic clock in nanoseconds (tests pass their own) */
    public CallRate(int perSecond, LongSupplier nanoTime) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("perSecond must be at least 1, not " + perSecond);
        }
        this.perSecond = perSecond;
        this.nanoTime = nanoTime;
        this.freeAt = new long[perSecond];
        this.held = new boolean[perSecond];
        this.used = new boolean[perSecond];
    }

    public int perSecond() {
        return perSecond;
    }

    /** A token if one is free now, else empty. */
    public synchronized Optional<Permit> tryAcquire() {
        long now = nanoTime.getAsLong();
        int slot = earliest();
        if (slot < 0 || used[slot] && freeAt[slot] - now > 0) {
            return Optional.empty();
        }
        return Optional.of(take(slot));
    }

    /**
     * Blocks until a token is free and takes it.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public synchronized Permit acquire() throws InterruptedException {
        while (true) {
            long now = nanoTime.getAsLong();
            int slot = earliest();
            if (slot < 0) {
                wait(); // every token is in a call; a release wakes us
                continue;
            }
            long wait = used[slot] ? freeAt[slot] - now : 0;
            if (wait <= 0) {
                return take(slot);
            }
            wait(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    /** The token not in a call that is free soonest, or -1 when every token is in a call. */
    private int earliest() {
        int best = -1;
        for (int i = 0; i < perSecond; i++) {
            if (!held[i] && (best < 0 || !used[i] || used[best] && freeAt[i] - freeAt[best] < 0)) {
                best = i;
                if (!used[i]) {
                    break;
                }
            }
        }
        return best;
    }

    private Permit take(int slot) {
        held[slot] = true;
        used[slot] = true;
        return new Permit(slot);
    }
}
