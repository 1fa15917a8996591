package dev.deckhand.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a command will do, as a value, before anything is done: the dry run prints it, the policy
 * decides on it, an approval pins it, the audit row stores it, and apply executes it.
 *
 * @param id        one per delivery or approval; creating calls derive their idempotency tokens from it
 * @param command   the command's name, e.g. {@code ec2 terminate} (for people and for approvals.actions)
 * @param requester who asked
 * @param region    the region it acts in
 * @param effects   what it does, in order; none means there is nothing to do
 * @param details   label/value pairs shown with the plan (AMI, ports, expiry ...)
 * @param notes     warnings and facts a person should read before approving
 */
public record Plan(String id, String command, String requester, String region, List<Effect> effects,
                   Map<String, String> details, List<String> notes) {

    public Plan {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(region, "region");
        effects = List.copyOf(effects);
        details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
        notes = List.copyOf(notes);
    }

    /** A plan with nothing to do, answered at once: e.g. "web-1 is already terminated." */
    public static Plan nothingToDo(PlanContext context, String why) {
        return new Plan(context.planId(), context.command(), context.requester(), context.region(), List.of(),
                Map.of(), List.of(why));
    }

    public static Builder builder(PlanContext context) {
        return new Builder(context);
    }

    public boolean isEmpty() {
        return effects.isEmpty();
    }

    /** The change to the monthly bill: unknown when any part is. */
    public Cost monthlyChange() {
        Cost total = Cost.ZERO;
        for (Effect e : effects) {
            total = total.plus(e.monthlyChange());
        }
        return total;
    }

    /**
     * What the plan adds to the bill: the sum of the effects that may add to it (see
     * {@link Effect#mayAddCost()}), positive amounts only. An unknown saving (stopping an instance whose
     * price is not in the table) does not make this unknown; an unknown addition does.
     */
    public Cost costIncrease() {
        Cost total = Cost.ZERO;
        for (Effect e : effects) {
            Cost c = e.monthlyChange();
            if (e.mayAddCost() && (c instanceof Cost.Unknown || c instanceof Cost.Known k && k.usdPerMonth().signum() > 0)) {
                total = total.plus(c);
            }
        }
        return total;
    }

    /**
     * What an approval pins: every effect with the ids and fingerprints of what it touches. Two plans
     * with the same pin do the same thing to the same resources in the same state.
     */
    public String pin() {
        List<String> lines = new ArrayList<>();
        for (Effect e : effects) {
            StringBuilder line = new StringBuilder(e.getClass().getSimpleName()).append(": ").append(e.describe());
            line.append(" | ").append(e.target().pin());
            e.touches().stream().filter(t -> !t.equals(e.target())).forEach(t -> line.append(" | ").append(t.pin()));
            lines.add(line.toString());
        }
        return where() + "\n" + String.join("\n", lines);
    }

    /**
     * How this plan differs from an approved one, given the approved plan's {@link #pin()} (all an
     * approval keeps): each pinned line, an effect with the ids, owners and fingerprints of what it
     * touches, that was approved and is gone, then each that is new. Empty when the pins match.
     */
    public List<String> changesSince(String approvedPin) {
        List<String> approved = List.of(approvedPin.split("\n"));
        List<String> current = List.of(pin().split("\n"));
        List<String> changes = new ArrayList<>();
        approved.stream().filter(line -> !current.contains(line)).forEach(line -> changes.add("approved: " + line));
        current.stream().filter(line -> !approved.contains(line)).forEach(line -> changes.add("now: " + line));
        if (!changes.isEmpty() && isEmpty()) {
            changes.add("now there is nothing to do: " + String.join(" ", notes));
        }
        return changes;
    }

    private static Map<String, Target> targetsById(Plan plan) {
        Map<String, Target> byId = new LinkedHashMap<>();
        for (Effect e : plan.effects) {
            byId.putIfAbsent(e.target().id(), e.target());
            e.touches().forEach(t -> byId.putIfAbsent(t.id(), t));
        }
        return byId;
    }

    /** Every resource id the plan names, for the audit row's resource column. */
    /**
     * The account it acts in: its targets' ({@link Target#account()}), else the current command's; empty
     * without configured accounts.
     */
    public String account() {
        return effects.stream().map(e -> e.target().account()).filter(a -> !a.isEmpty()).findFirst()
                .orElseGet(dev.deckhand.accounts.CallerScope::currentAccount);
    }

    /** Where it acts, as people read it: {@code prod/ap-northeast-2}, or the region alone without accounts. */
    public String where() {
        String account = account();
        return account.isEmpty() ? region : account + "/" + region;
    }

    public List<String> resourceIds() {
        return targetsById(this).keySet().stream().toList();
    }

    /** Collects a plan's parts in the order a handler finds them. */
    public static final class Builder {
        private final PlanContext context;
        private final List<Effect> effects = new ArrayList<>();
        private final Map<String, String> details = new LinkedHashMap<>();
        private final List<String> notes = new ArrayList<>();

        private Builder(PlanContext context) {
            this.context = context;
        }

        public Builder effect(Effect effect) {
            effects.add(Objects.requireNonNull(effect));
            return this;
        }

        public Builder detail(String label, String value) {
            details.put(label, value);
            return this;
        }

        public Builder note(String note) {
            notes.add(note);
            return this;
        }

        public Plan build() {
            return new Plan(context.planId(), context.command(), context.requester(), context.region(), effects,
                    details, notes);
        }
    }
}
