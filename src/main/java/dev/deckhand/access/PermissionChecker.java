package dev.deckhand.access;

import java.util.Comparator;
import java.util.Map;
import java.util.TreeSet;

/**
 * Decides whether a user may run a command here at all. A user's role is the grant made in chat,
 * else the one in config, else the default; a channel's configured role lifts everyone in it to at
 * least that level. What a permitted command may then do (regions, types, disks, other people's
 * resources) is {@link PlanPolicy}'s question, asked of the plan.
 */
public final class PermissionChecker implements Authorizer {

    private final AccessPolicy policy;
    private final GrantStore grants;

    public PermissionChecker(AccessPolicy policy, GrantStore grants) {
        this.policy = policy;
        this.grants = grants;
    }

    @Override
    public Decision check(String userId, String channelId, String command, Role requiredRole) {
        RoleDefinition role = effectiveRole(userId, channelId);
        if (!role.mayRun(command, requiredRole)) {
            return new Decision.Denied("`" + command + "` needs the " + requiredRole.label()
                    + " role; you (" + userId + ") are " + role.name() + ". " + whomToAsk(userId, requiredRole));
        }
        return new Decision.Allowed(role);
    }

    @Override
    public Actor actor(String userId, String channelId) {
        return new Actor(userId, effectiveRole(userId, channelId));
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
