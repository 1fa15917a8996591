package dev.deckhand.approval;

import dev.deckhand.chat.Button;
import dev.deckhand.chat.Reply;
import dev.deckhand.command.PlanReplies;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * The approval card in its two shapes: open (the plan, and Approve / Deny buttons carrying only
 * {@code approve <id>} / {@code deny <id>}) and closed (the same plan, no buttons, who decided when,
 * and the outcome).
 */
final class ApprovalCards {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private ApprovalCards() {
    }

    static Reply open(ApprovalRequest r, ApprovalSettings settings) {
        return open(r, settings, Optional.empty());
    }

    /**
     * @param described the plan in words ({@link dev.deckhand.command.PlanReplies#describe}): its body and
     *                  fields are shown as what it will do
     */
    static Reply open(ApprovalRequest r, ApprovalSettings settings, Optional<Reply> described) {
        Reply.Builder card = plan(r, settings).header("Approval needed")
                .body(r.requester() + " asks to run `" + r.command() + "`.");
        described.ifPresent(plan -> {
            card.line("*What it will do*");
            card.line(plan.body());
            // The card already names the region and its own expiry: a plan field repeating one is dropped,
            // one that differs under the same label (a launch's --ttl "Expires") is marked as the plan's.
            List<Reply.Field> own = plan(r, settings).build().fields();
            for (Reply.Field f : plan.fields()) {
                boolean ownCost = f.label().equals(PlanReplies.COST) && r.monthlyChange().isPresent();
                if (own.contains(f) || ownCost) {
                    continue;
                }
                boolean clash = own.stream().anyMatch(o -> o.label().equals(f.label()));
                card.field(clash ? f.label() + " (plan)" : f.label(), f.value());
            }
        });
        card.button(Button.primary("Approve", "approve " + r.id()));
        card.button(Button.danger("Deny", "deny " + r.id()));
        card.context("Only " + settings.approverRole().label() + " or higher may approve, never the requester. "
                + "Or type `approve " + r.id() + "` / `deny " + r.id() + " [reason]`.");
        return card.build();
    }

    /** The card once the request is decided: no buttons, {@code status} says who and when, then the outcome. */
    static Reply closed(ApprovalRequest r, ApprovalSettings settings, String header, String status) {
        return plan(r, settings).header(header).body("`" + r.command() + "`").line(status).build();
    }

    private static Reply.Builder plan(ApprovalRequest r, ApprovalSettings settings) {
        Reply.Builder card = Reply.builder().inChannel()
                .field("Requested by", r.requester())
                .field("Command", "`" + r.command() + "`")
                .field("Region", r.region())
                .field("Why", r.reason());
        r.monthlyChange().ifPresent(cost -> card.field("Cost change", signed(cost) + "/month"));
        return card.field("Approvals", r.approvers().size() + " of " + settings.required()
                        + (r.approvers().isEmpty() ? "" : " (" + String.join(", ", r.approvers()) + ")"))
                .field("Expires", time(r.expiresAt()))
                .field("Request", r.id());
    }

    static String time(Instant at) {
        return TIME.format(at);
    }

    static String money(BigDecimal usd) {
        return "$" + usd.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    static String signed(BigDecimal usd) {
        return (usd.signum() < 0 ? "-" : usd.signum() > 0 ? "+" : "") + money(usd.abs());
    }
}
