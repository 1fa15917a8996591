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
}
