package dev.deckhand.access;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
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
        return check(userId, channelId, "", command, requiredRole);
    }

    @Override
    public Decision check(String userId, String channelId, String account, String command, Role requiredRole) {
        Optional<RoleDefinition> held = effectiveRole(userId, channelId, account);
        if (held.isEmpty()) {
            return new Decision.Denied("You (" + userId + ") have no role in account " + account + " (your roles: "
                    + assigned(userId).orElse("") + "), so `" + command + "` cannot run there. Ask an admin to run `grant "
                    + userId + " " + requiredRole.label() + "@" + account + "`, or use --account with an account you have a role in.");
        }
        RoleDefinition role = held.get();
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

    @Override
    public Actor actor(String userId, String channelId, String account) {
        return new Actor(userId, effectiveRole(userId, channelId, account)
                .orElseGet(() -> policy.role(policy.defaultRole()).orElseThrow()));
    }

    @Override
    public Optional<Actor> actorHolding(String userId, Role role) {
        return policy.role(role.label()).map(definition -> new Actor(userId, definition));
    }

    public RoleDefinition effectiveRole(String userId, String channelId) {
        return effectiveRole(userId, channelId, "").orElseGet(() -> policy.role(policy.defaultRole()).orElseThrow());
    }

    /** The grant made in chat, else the configured entry: {@code deployer}, or {@code deployer@dev, viewer@prod}. */
    private Optional<String> assigned(String userId) {
        return grants.roleOf(userId).or(() -> Optional.ofNullable(policy.users().get(userId)));
    }

    /**
     * The role a user holds in {@code account} (empty: no accounts configured): the entry qualified with it,
     * else an unqualified one, else, for a user named nowhere, the default role. A user whose entries name only
     * other accounts holds none here: empty.
     */
    public Optional<RoleDefinition> effectiveRole(String userId, String channelId, String account) {
        Optional<String> userRoleName = assigned(userId).map(value -> RoleAssignments.parse(value).roleIn(account))
                .orElse(Optional.of(policy.defaultRole()));
        if (userRoleName.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(lifted(userRoleName.get(), channelId));
    }

    private RoleDefinition lifted(String userRoleName, String channelId) {
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
        everyone.forEach((user, roleName) -> RoleAssignments.parse(roleName).names().stream().flatMap(n -> policy.role(n).stream())
                .filter(r -> r.base() == Role.ADMIN)
                .findAny().ifPresent(r -> admins.add(user)));
        admins.remove(userId);
        String command = "`grant " + userId + " " + needed.label() + "`";
        if (admins.isEmpty()) {
            return "Ask an admin to run " + command + ".";
        }
        return "Ask an admin (" + String.join(", ", admins) + ") to run " + command + ".";
    }
}
