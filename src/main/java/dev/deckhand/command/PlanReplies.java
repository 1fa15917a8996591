package dev.deckhand.command;

import dev.deckhand.access.Decision;
import dev.deckhand.access.Role;
import dev.deckhand.chat.Reply;
import dev.deckhand.plan.Effect;
import dev.deckhand.plan.Plan;
import dev.deckhand.plan.Target;

import java.util.List;
import java.util.Optional;

/**
 * A plan in words. The dry run, the approval card and the approved run's thread all render the same
 * value through here, so they cannot disagree.
 */
public final class PlanReplies {

    /** The label of the plan's monthly cost change. */
    public static final String COST = "Cost change";

    private PlanReplies() {
    }

    /** What {@code --dry-run} answers: the plan, and what the policy would make of it. */
    public static Reply dryRun(String commandText, Plan plan, Decision decision) {
        Reply.Builder reply = describe(plan).header("Plan: " + commandText + " (dry run)");
        reply.line("Nothing was changed.");
        if (decision instanceof Decision.NeedsApproval needs) {
            reply.context("Without --dry-run this needs approval: " + needs.reason());
        } else if (decision instanceof Decision.Denied denied) {
            reply.context("Without --dry-run this would be refused: " + denied.reason());
        } else {
            reply.context("Without --dry-run this runs at once.");
        }
        return reply.build();
    }

    /**
     * What {@code --dry-run} answers someone whose role may not run the command: the plan, why they may not, and
     * what the policy would make of it for the least role that may ({@code forRole}; empty when that role is not
     * configured).
     */
    public static Reply dryRunBeyondRole(String commandText, Plan plan, Decision.Denied yours, Role needed,
                                         Optional<Decision> forRole) {
        Reply.Builder reply = describe(plan).header("Plan: " + commandText + " (dry run)");
        reply.line("Nothing was changed.");
        reply.context("Without --dry-run you could not run this: " + yours.reason());
        String someone = (needed == Role.ADMIN ? "An " : "A ") + needed.label();
        forRole.ifPresent(decision -> {
            if (decision instanceof Decision.NeedsApproval needs) {
                reply.context(someone + " would need approval: " + needs.reason());
            } else if (decision instanceof Decision.Denied denied) {
                reply.context(someone + " would be refused: " + denied.reason());
            } else {
                reply.context(someone + " could run it at once.");
            }
        });
        return reply.build();
    }

    /** The plan's effects, details and notes, for a card or a reply. */
    public static Reply.Builder describe(Plan plan) {
        Reply.Builder reply = Reply.builder().body("In " + plan.where() + " it will:");
        for (Effect e : plan.effects()) {
            reply.line("• " + e.describe() + owners(e, plan.requester()));
        }
        plan.notes().forEach(reply::line);
        plan.details().forEach(reply::field);
        reply.field(COST, plan.monthlyChange().toString());
        return reply;
    }

    /** One line, for an audit detail or a progress message. */
    public static String summary(Plan plan) {
        if (plan.isEmpty()) {
            return String.join(" ", plan.notes());
        }
        return String.join("; ", plan.effects().stream().map(Effect::describe).toList()) + " in " + plan.where();
    }

    private static String owners(Effect e, String requester) {
        List<String> others = e.touches().stream().filter(t -> !t.owner().is(requester))
                .map(PlanReplies::ownerOf).toList();
        return others.isEmpty() ? "" : " (" + String.join("; ", others) + ")";
    }

    private static String ownerOf(Target t) {
        return t.label() + ": owner " + t.owner().describe();
    }
}
