package dev.deckhand.costwatch;

import java.time.Instant;

/**
 * What Deckhand remembers about one finding between scans.
 *
 * @param key             which finding: kind, region and id
 * @param fingerprint     its billing-relevant state at the last scan
 * @param firstSeen       first scan that found it
 * @param lastReminded    last digest that showed it; null if never
 * @param timesReminded   digests that showed it since it was last answered (snoozed or kept)
 * @param snoozedUntil    quiet until then; null if not snoozed
 * @param keptBy          who marked it as wanted; null if not kept
 * @param keptReason      why
 * @param keptFingerprint its state when kept: the mark ends when the state changes
 */
public record ReminderState(LeakKey key, String fingerprint, Instant firstSeen, Instant lastReminded,
                            int timesReminded, Instant snoozedUntil, String keptBy, String keptReason,
                            String keptFingerprint) {

    /** The resource id, e.g. "eipalloc-0abc" (a Classic load balancer's name). */
    public String leakId() {
        return key.id();
    }

    public String region() {
        return key.region();
    }

    public boolean isSnoozed(Instant now) {
        return snoozedUntil != null && now.isBefore(snoozedUntil);
    }

    /** Kept, and the resource has not changed since. */
    public boolean isKept(String currentFingerprint) {
        return keptBy != null && currentFingerprint.equals(keptFingerprint);
    }

    /** Was kept, but the resource changed since: the mark has ended. */
    public boolean keepEnded(String currentFingerprint) {
        return keptBy != null && !currentFingerprint.equals(keptFingerprint);
    }
}
