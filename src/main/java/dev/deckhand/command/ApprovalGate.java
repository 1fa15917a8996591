package dev.deckhand.command;

import dev.deckhand.chat.CommandRequest;
import dev.deckhand.chat.Reply;
import dev.deckhand.plan.Plan;

import java.util.List;

/**
 * Where the router sends a plan that the policy holds for approval. The approval feature implements
 * it: it stores the plan's pin with the request and posts the card; the router knows only this.
 */
@FunctionalInterface
public interface ApprovalGate {

    /**
     * @param pinnedCommand the command in canonical form, region explicit, as it will run when approved
     * @param reasons       why the plan is held, each a sentence
     * @return the reply to the asker: the request was made (or could not be)
     */
    Reply requestApproval(CommandRequest request, String pinnedCommand, Plan plan, List<String> reasons);

    /** No approvals configured: what would need approval is refused with its reasons. */
    ApprovalGate NONE = (request, pinned, plan, reasons) -> Reply.builder().header("Not allowed")
            .body(String.join(" ", reasons) + " Approvals are off here; ask an admin.").build();
}
