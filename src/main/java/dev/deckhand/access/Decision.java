package dev.deckhand.access;

/** The permission checker's answer. */
public sealed interface Decision {

    record Allowed(RoleDefinition role) implements Decision { }

    /** @param reason what was refused, what would be allowed, and whom to ask */
    record Denied(String reason) implements Decision { }

    /**
     * Allowed once someone else approves it: the command is one whose limits may be approved, and the
     * arguments go beyond the role's limits (an instance type or disk above them).
     *
     * @param role   the asker's role
     * @param reason which limit is exceeded and by what, shown on the approval card
     */
    record NeedsApproval(RoleDefinition role, String reason) implements Decision { }
}
