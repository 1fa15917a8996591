package dev.deckhand.access;

import dev.deckhand.command.Arguments;
import dev.deckhand.command.CommandSpec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Decides whether a user may run a command here, with these arguments. A user's role is the grant
 * made in chat, else the one in config, else the default; a channel's configured role lifts everyone
 * in it to at least that level. Limits (regions, instance types, disk) apply to commands that
 * change AWS. Region limits always deny; instance-type and disk limits deny too, unless the command is
 * one whose limits may be approved by someone else (then the answer is {@link Decision.NeedsApproval}).
 */
public final class PermissionChecker implements Authorizer {

    private final AccessPolicy policy;
    private final GrantStore grants;
    private final Predicate<CommandSpec> limitsApprovable;

    /** Limits always deny: for setups without approvals. */
    public PermissionChecker(AccessPolicy policy, GrantStore grants) {
        this(policy, grants, spec -> false);
    }

    /**
     * @param limitsApprovable commands for which going beyond the instance-type or disk limit asks for
     *                         approval instead of being denied
     */
    public PermissionChecker(AccessPolicy policy, GrantStore grants, Predicate<CommandSpec> limitsApprovable) {
        this.policy = policy;
        this.grants = grants;
        this.limitsApprovable = limitsApprovable;
    }

    @Override
    public Decision check(String userId, String channelId, CommandSpec spec, Arguments args, String region) {
        RoleDefinition role = effectiveRole(userId, channelId);
        if (!role.mayRun(spec.name(), spec.requiredRole())) {
            return new Decision.Denied("`" + spec.name() + "` needs the " + spec.requiredRole().label()
                    + " role; you (" + userId + ") are " + role.name() + ". " + whomToAsk(userId, spec.requiredRole()));
        }
        if (!spec.mutating()) {
            return new Decision.Allowed(role);
        }
        Limits limits = role.limits();
        if (region != null && !limits.allowsRegion(region)) {
            return new Decision.Denied("Region " + region + " is not allowed for role " + role.name()
                    + ". Allowed: " + String.join(", ", limits.regions()) + ". Use --region "
                    + limits.regions().get(0) + ", or ask an admin.");
        }
        boolean approvable = limitsApprovable.test(spec);
        List<String> aboveLimits = new ArrayList<>();
        String type = spec.effectiveFlag(args, "type").orElse(null);
        if (type != null && !limits.allowsType(type)) {
            if (!approvable) {
                return new Decision.Denied("Instance type '" + type + "' is not allowed for role " + role.name()
                        + ". Allowed: " + String.join(", ", limits.instanceTypes()) + ". Ask an admin, or use --type "
                        + limits.instanceTypes().get(0) + ".");
            }
            aboveLimits.add("instance type " + type + " is beyond role " + role.name() + "'s limits (allowed: "
                    + String.join(", ", limits.instanceTypes()) + ")");
        }
        String disk = spec.effectiveFlag(args, "disk").orElse(null);
        if (disk != null && disk.matches("\\d{1,6}") && !limits.allowsDisk(Integer.parseInt(disk))) {
            if (!approvable) {
                return new Decision.Denied("A " + disk + " GB disk is above the " + limits.maxDiskGb()
                        + " GB limit for role " + role.name() + ". Use --disk " + limits.maxDiskGb() + " or less, or ask an admin.");
            }
            aboveLimits.add("a " + disk + " GB disk is above role " + role.name() + "'s " + limits.maxDiskGb() + " GB limit");
        }
        if (!aboveLimits.isEmpty()) {
            String reason = String.join("; ", aboveLimits);
            return new Decision.NeedsApproval(role, Character.toUpperCase(reason.charAt(0)) + reason.substring(1) + ".");
        }
        return new Decision.Allowed(role);
    }

    public RoleDefinition effectiveRole(String userId, String channelId) {
        String userRoleName = grants.roleOf(userId)
                .or(() -> java.util.Optional.ofNullable(policy.users().get(userId)))
                .orElse(policy.defaultRole());
        RoleDefinition userRole = policy.role(userRoleName).orElseGet(() -> policy.role(policy.defaultRole()).orElseThrow());
        String channelRoleName = policy.channels().get(channelId);
        if (channelRoleName == null) {
            return userRole;
        }
        RoleDefinition channelRole = policy.role(channelRoleName).orElse(userRole);
        return channelRole.base().compareTo(userRole.base()) > 0 && !userRole.isCustom() ? channelRole : userRole;
    }

    /** Names people who hold {@code needed} or more, so a denial says whom to ask. */
    String whomToAsk(String userId, Role needed) {
        TreeSet<String> admins = new TreeSet<>(Comparator.naturalOrder());
        Map<String, String> everyone = new java.util.HashMap<>(policy.users());
        everyone.putAll(grants.all());
        everyone.forEach((user, roleName) -> policy.role(roleName)
                .filter(r -> r.base() == Role.ADMIN)
                .ifPresent(r -> admins.add(user)));
        admins.remove(userId);
        String command = "`grant " + userId + " " + needed.label() + "`";
        if (admins.isEmpty()) {
            return "Ask an admin to run " + command + ".";
        }
        return "Ask an admin (" + String.join(", ", admins) + ") to run " + command + ".";
    }
}
