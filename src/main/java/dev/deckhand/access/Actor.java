package dev.deckhand.access;

/** Who a plan is judged for: the requester and the role they hold where they asked. */
public record Actor(String userId, RoleDefinition role) {

    public boolean isAdmin() {
        return role.base() == Role.ADMIN;
    }
}
