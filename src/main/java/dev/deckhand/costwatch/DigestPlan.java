package dev.deckhand.costwatch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which findings a digest shows, decided from the scan and the reminder state alone (no I/O):
 * kept ones stay out while the resource is unchanged, snoozed ones until the snooze ends, and one
 * shown less than a day ago is not repeated. One left unanswered for {@code escalateAfter} digests is
 * escalated.
 *
 * @param items      what to show, in owner order
 * @param keepsEnded findings whose Keep mark ended because the resource changed
 * @param kept       how many stayed out because they are kept
 * @param snoozed    how many stayed out because they are snoozed
 * @param recent     how many stayed out because a digest showed them less than a day ago
 * @param heldBack   how many were due but left for the next digest: one digest shows at most
 *                   {@link #MAX_ITEMS}, the most expensive first (a thread of hundreds of cards helps nobody
 *                   and runs into chat rate limits)
 */
public record DigestPlan(List<Item> items, List<LeakKey> keepsEnded, int kept, int snoozed, int recent, int heldBack) {

    static final int MAX_ITEMS = 25;

    /**
     * The "one day" between repeats, less an hour: a daily schedule ticked a few seconds earlier than
     * yesterday must not skip a day.
     */
    static final Duration REPEAT_GAP = Duration.ofHours(23);

    /** @param escalate left unanswered for too many digests: mention the owner in the channel */
    public record Item(Leak leak, boolean escalate, int timesReminded) { }

    public static DigestPlan of(List<Leak> leaks, Map<LeakKey, ReminderState> states, Instant now, int escalateAfter) {
        List<Item> items = new ArrayList<>();
        List<LeakKey> ended = new ArrayList<>();
        int kept = 0;
        int snoozed = 0;
        int recent = 0;
        for (Leak leak : leaks) {
            ReminderState state = states.get(leak.key());
            if (state != null) {
                if (state.isKept(leak.fingerprint())) {
                    kept++;
                    continue;
                }
                if (state.keepEnded(leak.fingerprint())) {
                    ended.add(leak.key());
                } else if (state.isSnoozed(now)) {
                    snoozed++;
                    continue;
                } else if (state.lastReminded() != null
                        && Duration.between(state.lastReminded(), now).compareTo(REPEAT_GAP) < 0) {
                    recent++;
                    continue;
                }
            }
            int times = state == null || state.keepEnded(leak.fingerprint()) ? 0 : state.timesReminded();
            items.add(new Item(leak, escalateAfter > 0 && times >= escalateAfter, times));
        }
        int heldBack = Math.max(0, items.size() - MAX_ITEMS);
        if (heldBack > 0) {
            items.sort(java.util.Comparator.comparing((Item i) -> i.leak().monthlyCost()).reversed());
            items = new ArrayList<>(items.subList(0, MAX_ITEMS));
        }
        items.sort(java.util.Comparator.comparing((Item i) -> !i.leak().hasOwner()).thenComparing(i -> i.leak().owner())
                .thenComparing((Item i) -> i.leak().monthlyCost(), java.util.Comparator.reverseOrder())
                .thenComparing(i -> i.leak().id()));
        return new DigestPlan(List.copyOf(items), List.copyOf(ended), kept, snoozed, recent, heldBack);
    }
}
