package dev.deckhand.costwatch;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * Decides when the digest is due. The app calls {@link #tick()} about once a minute; tests call
 * {@link #runDueAt} with any time. Every minute since the last check is looked at, so a late tick
 * still fires, and a minute fires once however often it is ticked.
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
    private ZonedDateTime lastChecked;

    public DigestScheduler(CronSchedule schedule, ZoneId zone, Clock clock, Runnable digest) {
        this.schedule = schedule;
        this.zone = zone;
        this.clock = clock;
        this.digest = digest;
        this.lastChecked = minuteOf(clock.instant()).minusMinutes(1);
    }

    /** Runs the digest if it is due now. */
    public boolean tick() {
        return runDueAt(clock.instant());
    }

    /** Runs the digest once if the schedule fired in any minute after the last check up to {@code now}. */
    public synchronized boolean runDueAt(Instant now) {
        ZonedDateTime minute = minuteOf(now);
        if (!minute.isAfter(lastChecked)) {
            return false;
        }
        ZonedDateTime from = lastChecked.plusMinutes(1);
        if (ChronoUnit.MINUTES.between(from, minute) > MAX_CATCH_UP_MINUTES) {
            from = minute.minusMinutes(MAX_CATCH_UP_MINUTES - 1L);
        }
        boolean due = false;
        for (ZonedDateTime t = from; !t.isAfter(minute) && !due; t = t.plusMinutes(1)) {
            due = schedule.matches(t);
        }
        lastChecked = minute;
        if (due) {
            digest.run();
        }
        return due;
    }

    private ZonedDateTime minuteOf(Instant instant) {
        return instant.atZone(zone).truncatedTo(ChronoUnit.MINUTES);
    }
}
