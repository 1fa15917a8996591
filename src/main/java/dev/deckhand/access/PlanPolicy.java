package dev.deckhand.access;

import dev.deckhand.plan.Cost;
import dev.deckhand.plan.Effect;
import dev.deckhand.plan.Kind;
import dev.deckhand.plan.Owner;
import dev.deckhand.plan.Plan;
import dev.deckhand.plan.Target;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides, from a plan alone, whether it runs now, waits for someone else's approval, or is refused.
 * It never sees a command's text: one rule per concern, each reading the effects.
 * <ul>
 *   <li>a region outside the role's limits is refused;</li>
 *   <li>a change to Deckhand's own settings below the level that setting needs is refused: a channel's
 *       default region needs deployer (it moves everyone's next launch), role grants need admin. The
 *       command that shows a setting may stay open to viewers: its plan with nothing to do is answered
 *       before the policy is asked;</li>
 *   <li>an instance type or disk beyond the role's limits needs approval;</li>
 *   <li>anything destructive needs approval;</li>
 *   <li>below admin, a change to a resource that is not the requester's (someone else's, no one's, or
 *       one whose owner cannot be read) needs approval, and says whose it is;</li>
 *   <li>a cost increase above the limit, or one that cannot be priced, needs approval;</li>
 *   <li>a listed port ({@code worldOpenPorts}) admitting more of the public internet than the
 *       configured size, judged on the union of the group's ranges, needs approval whatever the role;</li>
 *   <li>a command listed in {@code approvals.actions} needs approval.</li>
 * </ul>
 * Whatever cannot be evaluated is held, with the reason: unknown is never "allowed".
 */
public final class PlanPolicy {

    /** The least level that may change each kind of Deckhand setting; any other kind of setting needs admin. */
    private static final Map<Kind, Role> SETTING_ROLES = Map.of(Kind.CHANNEL_SETTING, Role.DEPLOYER, Kind.GRANT, Role.ADMIN);

    private final PolicySettings settings;

    public PlanPolicy(PolicySettings settings) {
        this.settings = settings;
    }

    public Decision decide(Plan plan, Actor actor) {
        RoleDefinition role = actor.role();
        Limits limits = role.limits();
        for (String region : regions(plan)) {
            if (!limits.allowsRegion(region)) {
                return new Decision.Denied("Region " + region + " is not allowed for role " + role.name()
                        + ". Allowed: " + String.join(", ", limits.regions()) + ". Use --region "
                        + limits.regions().get(0) + ", or ask an admin.");
            }
        }
        for (Effect effect : plan.effects()) {
            if (effect instanceof Effect.ChangeSetting setting) {
                Role needed = SETTING_ROLES.getOrDefault(setting.target().kind(), Role.ADMIN);
                if (!role.base().includes(needed)) {
                    return new Decision.Denied("Changing " + setting.target().label() + " needs the " + needed.label()
                            + " role; you (" + actor.userId() + ") are " + role.name() + ". Ask an admin to run `grant "
                            + actor.userId() + " " + needed.label() + "`.");
                }
            }
        }
        Set<String> reasons = new LinkedHashSet<>();
        for (Effect effect : plan.effects()) {
            if (effect instanceof Effect.Launch launch) {
                limitReasons(launch, role).forEach(reasons::add);
            }
            if (effect.destructive()) {
                reasons.add("It will " + effect.describe() + ": deletions always need approval.");
            }
            if (effect instanceof Effect.Confirm confirm) {
                reasons.add(confirm.reason() + ": approval required.");
            }
            if (!actor.isAdmin()) {
                for (Target t : effect.touches()) {
                    ownership(t, actor.userId()).ifPresent(reasons::add);
                }
            }
            if (effect instanceof Effect.OpenPorts open) {
                exposure(open).ifPresent(reasons::add);
            }
        }
        Cost increase = plan.costIncrease();
        if (increase instanceof Cost.Unknown unknown) {
            reasons.add("Monthly cost unknown: " + unknown.reason() + ": approval required.");
        } else if (increase instanceof Cost.Known known && known.usdPerMonth().compareTo(settings.monthlyCostLimit()) > 0) {
            reasons.add("Estimated at " + known + ", above the $"
                    + settings.monthlyCostLimit().setScale(2, java.math.RoundingMode.HALF_UP).toPlainString() + "/month limit.");
        }
        // Listed commands are held even when no other rule holds them; when one does, that reason is the clearer one.
        if (reasons.isEmpty() && settings.alwaysApprove().contains(plan.command())) {
            reasons.add("`" + plan.command() + "` always needs approval (approvals.actions).");
        }
        return reasons.isEmpty() ? new Decision.Allowed(role) : new Decision.NeedsApproval(role, List.copyOf(reasons));
    }

    private static Set<String> regions(Plan plan) {
        Set<String> regions = new TreeSet<>();
        regions.add(plan.region());
        for (Effect e : plan.effects()) {
            regions.add(e.target().region());
            e.touches().forEach(t -> regions.add(t.region()));
        }
        regions.remove(Target.GLOBAL);
        return regions;
    }

    private static List<String> limitReasons(Effect.Launch launch, RoleDefinition role) {
        Limits limits = role.limits();
        List<String> reasons = new ArrayList<>();
        if (!limits.allowsType(launch.instanceType())) {
            reasons.add("Instance type " + launch.instanceType() + " is beyond role " + role.name() + "'s limits (allowed: "
                    + String.join(", ", limits.instanceTypes()) + ").");
        }
        if (!limits.allowsDisk(launch.diskGb())) {
            reasons.add("A " + launch.diskGb() + " GB disk is above role " + role.name() + "'s " + limits.maxDiskGb()
                    + " GB limit.");
        }
        return reasons;
    }

    private static Optional<String> ownership(Target t, String userId) {
        Owner owner = t.owner();
        if (owner.is(userId)) {
            return Optional.empty();
        }
        String what = t.kind().label() + " " + t.label();
        if (owner instanceof Owner.User other) {
            return Optional.of("The " + what + " belongs to " + other.id() + ".");
        }
        if (owner instanceof Owner.Unreadable unreadable) {
            return Optional.of("The owner of " + what + " cannot be read (" + unreadable.reason() + ").");
        }
        return Optional.of("The " + what + " has no owner (no deckhand:owner tag).");
    }

    private Optional<String> exposure(Effect.OpenPorts open) {
        List<Integer> listed = settings.worldOpenPorts().stream().filter(open::covers).sorted().toList();
        if (listed.isEmpty()) {
            return Optional.empty();
        }
        BigInteger v4Limit = BigInteger.ONE.shiftLeft(32 - settings.ipv4ExposurePrefix());
        BigInteger v6Limit = BigInteger.ONE.shiftLeft(128 - settings.ipv6ExposurePrefix());
        boolean v4 = open.publicIpv4After().compareTo(v4Limit) > 0;
        boolean v6 = open.publicIpv6After().compareTo(v6Limit) > 0;
        if (!v4 && !v6) {
            return Optional.empty();
        }
        String ports = String.join(", ", listed.stream().map(String::valueOf).toList());
        String scope = v4 ? open.publicIpv4After() + " public IPv4 addresses (more than a /" + settings.ipv4ExposurePrefix() + ")"
                : "more public IPv6 addresses than a /" + settings.ipv6ExposurePrefix();
        return Optional.of("Port " + ports + " on " + open.target().label() + " would be open to " + scope
                + " through " + String.join(", ", open.rangesAfter()) + ".");
    }
}
