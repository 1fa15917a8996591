package dev.deckhand.access;

/** The permission checker's answer. */
public sealed interface Decision {

    record Allowed(RoleDefinition role) implements Decision { }

    /** @param reason what was refused, what would be allowed, and whom to ask */
    record Denied(String reason) implements Decision { }
}
