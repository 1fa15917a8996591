package dev.deckhand.costwatch;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One resource that keeps billing.
 *
 * @param kind        what it is
 * @param id          the AWS id (instance id, allocation id, volume id, load balancer ARN or Classic name)
 * @param name        its {@code Name} tag (or the load balancer's name), empty when it has none
 * @param region      where it is
 * @param owner       the {@code deckhand:owner} tag (a chat user id), else {@value #UNKNOWN_OWNER}
 * @param since       when the billing condition started, as far as known (launch, stop, create, expiry,
 *                    or Deckhand's first sighting); null when not known yet
 * @param age         how long that is, at scan time; null when {@code since} is null
 * @param reason      why it is a leak, in words: "Elastic IP not attached to a running instance for 9 days"
 * @param detail      what the scanner saw, used to re-word the reason when the age becomes known
 * @param monthlyCost estimated USD per month from the dated price table
 * @param fingerprint the resource's billing-relevant state; a Keep mark ends when it changes
 * @param priceUnknown part of its price could not be found (not in the table, the Price List API failed):
 *                    {@code monthlyCost} is then a lower bound, and totals say "at least"
 */
public record Leak(LeakKind kind, String id, String name, String region, String owner, Instant since, Duration age,
                   String reason, String detail, BigDecimal monthlyCost, String fingerprint, boolean priceUnknown) {

    public static final String UNKNOWN_OWNER = "unknown";

    /** The same finding placed elsewhere, e.g. under its account ({@code prod/eu-west-1}). */
    public Leak placedIn(String place) {
        return new Leak(kind, id, name, place, owner, since, age, reason, detail, monthlyCost, fingerprint, priceUnknown);
    }

    public Leak {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        name = name == null ? "" : name;
        owner = owner == null || owner.isBlank() ? UNKNOWN_OWNER : owner;
        Objects.requireNonNull(monthlyCost, "monthlyCost");
        fingerprint = fingerprint == null ? "" : fingerprint;
    }

    /** A finding, with its reason worded from {@code detail} and the age at {@code now}. */
    public static Leak of(LeakKind kind, String id, String name, String region, String owner, Instant since,
                          Instant now, String detail, BigDecimal monthlyCost, String fingerprint) {
        Duration age = since == null ? null : nonNegative(Duration.between(since, now));
        return new Leak(kind, id, name, region, owner, since, age, kind.reason(detail, Optional.ofNullable(age)), detail,
                monthlyCost, fingerprint, false);
    }

    /** The same finding, its price known only in part. */
    public Leak withPriceUnknown() {
        return new Leak(kind, id, name, region, owner, since, age, reason, detail, monthlyCost, fingerprint, true);
    }

    /** The same finding with a start time learnt elsewhere (Deckhand's first sighting), when AWS gave none. */
    public Leak withSinceIfUnknown(Instant firstSeen, Instant now) {
        if (since != null || firstSeen == null) {
            return this;
        }
        Leak seen = of(kind, id, name, region, owner, firstSeen, now, detail, monthlyCost, fingerprint);
        return priceUnknown ? seen.withPriceUnknown() : seen;
    }

    /** Its identity: kind, region and id (see {@link LeakKey}). */
    public LeakKey key() {
        return LeakKey.of(this);
    }

    public boolean hasOwner() {
        return !UNKNOWN_OWNER.equals(owner);
    }

    /** "web-1 (i-0abc)" or just the id. */
    public String title() {
        return name.isEmpty() || name.equals(id) ? id : name + " (" + id + ")";
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
