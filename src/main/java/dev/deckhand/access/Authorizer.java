package dev.deckhand.access;

/**
 * The first question the router asks, before any plan is made: may this user run this command here
 * at all? {@link PermissionChecker} answers it from roles. What the command then does is judged by
 * {@link PlanPolicy}.
 */
public interface Authorizer {

    /** @return {@link Decision.Allowed} or {@link Decision.Denied} */
    Decision check(String userId, String channelId, String command, Role requiredRole);

    /** Who a plan is judged for: the user with the role they hold in that channel. */
    Actor actor(String userId, String channelId);

    /**
     * As {@link #check(String, String, String, Role)} in one account of {@code aws.accounts}, where a user's
     * role may differ ({@code deployer@dev, viewer@prod}); {@code account} is empty without accounts.
     */
    default Decision check(String userId, String channelId, String account, String command, Role requiredRole) {
        return check(userId, channelId, command, requiredRole);
    }

    /** As {@link #actor(String, String)}, with the role held in {@code account}. */
    default Actor actor(String userId, String channelId, String account) {
        return actor(userId, channelId);
    }

    /**
     * The user judged as if they held the built-in {@code role} (its configured limits): a dry run by someone who
     * may not run a command says what the policy would make of it for the role that may. Empty when the role is
     * not configured.
     */
    default java.util.Optional<Actor> actorHolding(String userId, Role role) {
        return java.util.Optional.empty();
    }
}
