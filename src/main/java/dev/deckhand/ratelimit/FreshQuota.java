package dev.deckhand.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * How often a user, and the team as a whole, may make Deckhand ask AWS again instead of answering from
 * its cache ({@code --fresh}). Each allows one full read (every watched region) per period; a read of
 * some regions costs that share of a period, so {@code leaks --region us-east-1 --fresh} is not charged
 * as a 17-region scan. A Deckhand serves one team, so the team's quota is the whole Deckhand's.
 *
 * <p>Kept as the time each quota is next free (GCRA, "virtual scheduling"): a read is allowed when both
 * the user's and the team's times have come, and then moves both on by its cost. Nothing refills in
 * the background; time is the injected clock.
 */
public final class FreshQuota {

    /** Users kept before idle entries are swept (an entry in the past says nothing). */
    private static final int SWEEP_ABOVE = 10_000;

    /** The outcome of asking for a fresh read. */
    public sealed interface Decision {

        /** Ask AWS. */
        record Granted() implements Decision { }

        /**
         * Answer from the cache.
         *
         * @param freshAt when this user may read fresh again
         * @param byTeam  true when the team's quota refused it (the user's own would allow it)
         */
        record Refused(Instant freshAt, boolean byTeam) implements Decision { }
    }

    private final Duration perUser;
    private final Duration perTeam;
    private final Clock clock;
    private final Map<String, Instant> userFreeAt = new HashMap<>();
    private Instant teamFreeAt = Instant.MIN;

    /**
     * @param perUser one full fresh read per user per this long; zero: no per-user limit
     * @param perTeam one full fresh read for the whole team per this long; zero: no team limit
     */
    public FreshQuota(Duration perUser, Duration perTeam, Clock clock) {
        this.perUser = perUser;
        this.perTeam = perTeam;
        this.clock = clock;
    }

    public Duration perUser() {
        return perUser;
    }

    public Duration perTeam() {
        return perTeam;
    }

    /**
     * Asks for a fresh read of {@code share} of a full read (regions read / regions watched, 0 to 1),
     * and takes it from both quotas when granted.
     */
    public synchronized Decision take(String user, double share) {
        Instant now = clock.instant();
        Instant mine = userFreeAt.getOrDefault(user, Instant.MIN);
        if (mine.isAfter(now) || teamFreeAt.isAfter(now)) {
            return new Decision.Refused(later(mine, teamFreeAt), !mine.isAfter(now));
        }
        double cost = Math.max(0, Math.min(1, share));
        userFreeAt.put(user, now.plus(scaled(perUser, cost)));
        teamFreeAt = now.plus(scaled(perTeam, cost));
        if (userFreeAt.size() > SWEEP_ABOVE) {
            userFreeAt.values().removeIf(t -> !t.isAfter(now));
        }
        return new Decision.Granted();
    }

    private static Duration scaled(Duration period, double cost) {
        return Duration.ofNanos((long) (period.toNanos() * cost));
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
