package dev.deckhand.costwatch;

import java.util.Objects;

/**
 * A finding's identity: what kind of resource, where, and its id. An id alone is not enough: a
 * Classic load balancer's id is its name, unique only within a region, so keeping {@code web} in one
 * region must not silence {@code web} in another. Reminder state (snooze, keep, first seen) is stored
 * under {@link #value()}; every comparison of findings goes through this record.
 *
 * @param kind   the resource kind as {@code leaks cleanup} names it ({@link LeakKind#noun()}): an
 *               instance stays the same resource when it goes from running to stopped
 * @param region where it is
 * @param id     the AWS id (a Classic load balancer's name)
 */
public record LeakKey(String kind, String region, String id) {

    public LeakKey {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(id, "id");
    }

    public static LeakKey of(Leak leak) {
        return new LeakKey(leak.kind().noun(), leak.region(), leak.id());
    }

    /** The stored form, e.g. {@code clb us-east-1 web} (AWS ids hold no spaces). */
    public String value() {
        return kind + " " + region + " " + id;
    }

    @Override
    public String toString() {
        return value();
    }
}
