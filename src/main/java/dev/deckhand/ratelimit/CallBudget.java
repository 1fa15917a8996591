package dev.deckhand.ratelimit;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Deckhand's share of each account's AWS API budget: at most {@code perSecond} calls per second per
 * (account, region, metered unit), the unit being what AWS meters and throttles on its own: EC2 gives
 * every API action its own bucket (non-mutating: 100 tokens, refilled at 20 per second per account and
 * region), ELB one bucket per API version (non-mutating: 40, refilled at 10), and so on. The buckets
 * are shared with everything else the account runs. Until several accounts are configured the account
 * is {@link #DEFAULT_ACCOUNT}.
 */
public final class CallBudget {

    public static final String DEFAULT_ACCOUNT = "default";

    private final int perSecond;
    private final Map<String, CallRate> rates = new ConcurrentHashMap<>();

    /** @param perSecond calls per second per (account, region, metered unit); 0: no limit (tests, emulators) */
    public CallBudget(int perSecond) {
        if (perSecond < 0) {
            throw new IllegalArgumentException("perSecond must be 0 (no limit) or more, not " + perSecond);
        }
        this.perSecond = perSecond;
    }

    public static CallBudget unlimited() {
        return new CallBudget(0);
    }

    public boolean limited() {
        return perSecond > 0;
    }

    /** Calls per second per (account, region, metered unit); 0 when unlimited. */
    public int perSecond() {
        return perSecond;
    }

    /**
     * Blocks until a call to {@code unit} in {@code region} of {@code account} may start; the caller gives
     * the permit back when the call is over (its answer came or it failed).
     *
     * @param unit what AWS meters on its own there: an EC2 action ({@code ec2:DescribeInstances}) or a
     *             service ({@code elasticloadbalancing})
     * @return the token taken, or empty when unlimited
     * @throws InterruptedException if interrupted while waiting
     */
    public Optional<CallRate.Permit> acquire(String account, String region, String unit) throws InterruptedException {
        if (perSecond == 0) {
            return Optional.empty();
        }
        return Optional.of(rates.computeIfAbsent(account + "/" + region + "/" + unit, k -> new CallRate(perSecond))
                .acquire());
    }

    @Override
    public String toString() {
        return perSecond == 0 ? "no AWS call budget" : perSecond + " AWS calls/s per account, region and metered unit";
    }
}
