package dev.deckhand.access;

import java.util.List;

/** The answer of the permission checker (may this role run this command?) and of the plan policy. */
public sealed interface Decision {

    record Allowed(RoleDefinition role) implements Decision { }

    /** @param reason what was refused, what would be allowed, and whom to ask */
    record Denied(String reason) implements Decision { }

    /**
     * Allowed once someone else approves it.
     *
     * @param role    the asker's role
     * @param reasons every rule that holds the plan, each a sentence for the card
     */
    record NeedsApproval(RoleDefinition role, List<String> reasons) implements Decision {
        public NeedsApproval {
            if (reasons.isEmpty()) {
                throw new IllegalArgumentException("an approval needs a reason");
            }
            reasons = List.copyOf(reasons);
        }

        public String reason() {
            return String.join(" ", reasons);
        }
    }
}
