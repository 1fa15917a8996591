package dev.deckhand.costwatch;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.function.Predicate;

/**
 * Decides when the digest is due. The app calls {@link #tick()} about once a minute; tests call
 * {@link #runDueAt} with any time. Every minute since the last check is looked at, so a late tick
 * still fires, and a minute fires once however often it is ticked.
 *
 * <p>With replicas, each scheduled minute is also claimed in the store before the digest runs
 * ({@code claim}): a replica that takes the schedule over from one that stopped catches up a missed
 * minute, but never posts one the other already posted.
 */
public final class DigestScheduler {

    /**
     * A tick a few minutes late (a busy machine) still fires; after a long pause (a suspended laptop)
     * a digest missed hours ago is not posted late.
     */
    private static final int MAX_CATCH_UP_MINUTES = 15;

    private final CronSchedule schedule;
    private final ZoneId zone;
    private final Clock clock;
    private final Runnable digest;
    private final Predicate<Instant> claim;
    private ZonedDateTime lastChecked;

    public DigestScheduler(CronSchedule schedule, ZoneId zone, Clock clock, Runnable digest) {
        this(schedule, zone, clock, digest, minute -> true);
    }

    /** @param claim asked with the scheduled minute before running it; false: already run (by another replica) */
    public DigestScheduler(CronSchedule schedule, ZoneId zone, Clock clock, Runnable digest, Predicate<Instant> claim) {
        this.schedule = schedule;
        this.zone = zone;
        this.clock = clock;
        this.digest = digest;
        this.claim = claim;
        this.lastChecked = minuteOf(clock.instant()).minusMinutes(1);
    }

    /** Runs the digest if it is due now. */
    public boolean tick() {
        return runDueAt(clock.instant());
    }

    /**
     * Runs the digest once if the schedule fired in any minute after the last check up to {@code now}
     * and that minute was not claimed already. @return true when this call ran it
     */
    public synchronized boolean runDueAt(Instant now) {
        ZonedDateTime minute = minuteOf(now);
        if (!minute.isAfter(lastChecked)) {
            return false;
        }
        ZonedDateTime from = lastChecked.plusMinutes(1);
        if (ChronoUnit.MINUTES.between(from, minute) > MAX_CATCH_UP_MINUTES) {
            from = minute.minusMinutes(MAX_CATCH_UP_MINUTES - 1L);
        }
        ZonedDateTime due = null;
        for (ZonedDateTime t = from; !t.isAfter(minute) && due == null; t = t.plusMinutes(1)) {
            due = schedule.matches(t) ? t : null;
        }
        lastChecked = minute;
        if (due == null || !claim.test(due.toInstant())) {
            return false;
        }
        digest.run();
        return true;
    }

    private ZonedDateTime minuteOf(Instant instant) {
        return instant.atZone(zone).truncatedTo(ChronoUnit.MINUTES);
    }
}
