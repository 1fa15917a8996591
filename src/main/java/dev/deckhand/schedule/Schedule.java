package dev.deckhand.schedule;

import java.time.Instant;
import java.util.Optional;

/**
 * One scheduled instance as stored.
 *
 * @param instanceId          the instance, by id (a stack's schedule is one row per instance)
 * @param region              where it lives
 * @param label               how people know it, e.g. {@code web-1 (i-0abc)}
 * @param target              what was typed: the instance's name or the stack's
 * @param window              when it may run
 * @param channel             where skips and failures are posted
 * @param createdBy           who set it
 * @param createdAt           when: edges before this are not acted on (setting a schedule at 20:00 does
 *                            not stop the instance at once for the 19:00 edge it missed)
 * @param overrideUntil       stops are skipped until then, and the instance is stopped at that time
 * @param startedByDeckhandAt Deckhand's last start: a launch time near it is not a start by hand
 */
public record Schedule(String instanceId, String region, String label, String target, Window window, String channel,
                       String createdBy, Instant createdAt, Optional<Instant> overrideUntil,
                       Optional<Instant> startedByDeckhandAt) {

    /** The name people use: the label without the id. */
    public String name() {
        int paren = label.indexOf(" (");
        return paren < 0 ? label : label.substring(0, paren);
    }

    /** The tag value on the instance, e.g. {@code weekdays 09:00-19:00 Asia/Seoul}. */
    public String tagValue() {
        return window.describe();
    }
}
