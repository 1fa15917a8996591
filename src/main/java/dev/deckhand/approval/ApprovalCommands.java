package dev.deckhand.approval;

import dev.deckhand.chat.Reply;
import dev.deckhand.command.CommandSpec;

import java.util.List;

/**
 * {@code approvals}, {@code approve <id>}, {@code deny <id> [reason]}, {@code cancel <id>}. Anyone may
 * type them: who may decide is checked against the stored request (approver role, never the
 * requester), so a refusal can say why and be audited.
 */
final class ApprovalCommands {

    private final ApprovalStore store;
    private final ApprovalDecider decider;
    private final ApprovalHousekeeping housekeeping;
    private final ApprovalSettings settings;

    ApprovalCommands(ApprovalStore store, ApprovalDecider decider, ApprovalHousekeeping housekeeping,
                     ApprovalSettings settings) {
        this.store = store;
        this.decider = decider;
        this.housekeeping = housekeeping;
        this.settings = settings;
    }

    List<CommandSpec> specs() {
        return List.of(
                CommandSpec.command("approvals").usage("approvals").description("Lists approval requests waiting for a decision")
                        .example("approvals").handledBy(context -> pending()),
                CommandSpec.command("approve").usage("approve <id>")
                        .description("Approves a request; it runs once enough people approved (" + settings.approverRole().label() + ")")
                        // The role the checker reads is the approver role, so help says what is checked.
                        .example("approve k7m2x9qa").role(settings.approverRole()).args(1, 1).handledBy(decider::approve),
                CommandSpec.command("deny").usage("deny <id> [reason]").description("Denies a request; nothing runs")
                        .example("deny k7m2x9qa use t3.small instead").role(settings.approverRole()).args(1, 60)
                        .handledBy(decider::deny),
                CommandSpec.command("cancel").usage("cancel <id>").description("Withdraws your own pending request")
                        .example("cancel k7m2x9qa").args(1, 1).handledBy(decider::cancel));
    }

    private Reply pending() {
        housekeeping.expireDue(); // so the list never shows a request that can no longer be approved
        List<ApprovalRequest> pending = store.inState(ApprovalState.PENDING);
        if (pending.isEmpty()) {
            return Reply.ephemeral("No approval requests are waiting.");
        }
        Reply.Builder reply = Reply.builder().header("Waiting for approval (" + pending.size() + ")");
        for (ApprovalRequest r : pending) {
            reply.line("`" + r.id() + "` " + r.requester() + ": `" + r.command() + "`, " + r.approvers().size() + " of "
                    + settings.required() + " approvals, expires " + ApprovalCards.time(r.expiresAt()) + ". " + r.reason());
        }
        return reply.context("`approve <id>` or `deny <id> [reason]`; the requester can `cancel <id>`.").build();
    }
}
