package dev.deckhand.ratelimit;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * At most {@code perSecond} calls start in any one second: a token bucket of {@code perSecond} tokens
 * in which each spent token comes back exactly one second after it was spent (AWS's own buckets refill
 * continuously; this stricter form is what lets us promise "never more than N in any second", which a
 * full bucket plus a continuous refill would break by up to twice N).
 *
 * <p>Callers reserve a start time in order of arrival (no thundering herd, no starvation) and then
 * wait until it comes; a start time is never earlier than one second after the start {@code perSecond}
 * reservations before it.
 */
public final class CallRate {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private final int perSecond;
    private final LongSupplier nanoTime;
    /** Start times of the last {@code perSecond} reservations, a ring. */
    private final long[] starts;
    private int next;
    /** Slots used so far, up to {@code perSecond} (System.nanoTime may be any value, so no sentinel). */
    private int used;

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
        this.starts = new long[perSecond];
    }

    public int perSecond() {
        return perSecond;
    }

    /**
     * Reserves the earliest start allowed from now.
     *
     * @return nanoseconds to wait before starting (0: start now)
     */
    public long reserve() {
        long now = nanoTime.getAsLong();
        return Math.max(0, reserveStart(now) - now);
    }

    private synchronized long reserveStart(long now) {
        long start = used < perSecond ? now : Math.max(now, starts[next] + SECOND);
        starts[next] = start;
        next = (next + 1) % perSecond;
        used = Math.min(perSecond, used + 1);
        return start;
    }

    /**
     * Blocks until this call may start.
     *
     * @throws InterruptedException if interrupted while waiting (the reserved slot stays spent: erring
     *                              towards fewer calls)
     */
    public void acquire() throws InterruptedException {
        long deadline = reserveStart(nanoTime.getAsLong());
        for (long left = deadline - nanoTime.getAsLong(); left > 0; left = deadline - nanoTime.getAsLong()) {
            LockSupport.parkNanos(this, left);
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting for the AWS call budget");
            }
        }
    }
}
