package dev.deckhand.command;

import dev.deckhand.access.Decision;
import dev.deckhand.chat.CommandRequest;
import dev.deckhand.chat.Reply;

import java.util.Optional;

/**
 * The router's step between the permission checker and the handler: decides whether a permitted
 * command runs now or is held until someone else approves it. The approval feature implements it;
 * the router knows only this interface, so the router stays the one path every command takes.
 */
@FunctionalInterface
public interface ApprovalGate {

    /**
     * @param decision {@link Decision.Allowed} or {@link Decision.NeedsApproval}
     * @return the reply to the asker when the command is held (or refused) instead of run; empty to run it now
     * @throws UsageException      when the held command's input is wrong (nothing was stored)
     * @throws UserFacingException when the held command cannot work as asked (nothing was stored)
     */
    Optional<Reply> hold(CommandRequest request, CommandSpec spec, Arguments args, String region, Decision decision);

    /** No approvals: what the checker would send to approval is refused with its reason. */
    ApprovalGate NONE = (request, spec, args, region, decision) -> decision instanceof Decision.NeedsApproval needs
            ? Optional.of(Reply.builder().header("Not allowed").body(needs.reason() + " Ask an admin.").build())
            : Optional.empty();
}
