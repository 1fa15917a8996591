package dev.deckhand.approval;

import dev.deckhand.access.PermissionChecker;
import dev.deckhand.access.RoleDefinition;
import dev.deckhand.chat.Reply;
import dev.deckhand.command.CommandContext;
import dev.deckhand.store.AuditEntry;
import dev.deckhand.store.AuditLog;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code approve}, {@code deny} and {@code cancel}, whether typed or clicked (a button only carries
 * this text). Trusts nothing but the id: the request's pinned command, requester and channel come
 * from the store. Every refusal is answered with its reason and written to the audit log.
 */
final class ApprovalDecider {

    private final ApprovalSettings settings;
    private final ApprovalStore store;
    private final ApprovalExecutor executor;
    private final ApprovalNotices notices;
    private final PermissionChecker checker;
    private final AuditLog audit;
    private final Clock clock;

    ApprovalDecider(ApprovalSettings settings, ApprovalStore store, ApprovalExecutor executor, ApprovalNotices notices,
                    PermissionChecker checker, AuditLog audit, Clock clock) {
        this.settings = settings;
        this.store = store;
        this.executor = executor;
        this.notices = notices;
        this.checker = checker;
        this.audit = audit;
        this.clock = clock;
    }

    Reply approve(CommandContext context) {
        String user = context.user();
        Optional<ApprovalRequest> found = find(context.args().positional(0));
        if (found.isEmpty()) {
            return unknown(context, "approve");
        }
        ApprovalRequest r = found.get();
        Optional<String> notAllowed = mayDecide(context, r, "approve");
        if (notAllowed.isPresent()) {
            return refuse(context, r, "approve", notAllowed.get());
        }
        Instant now = clock.instant();
        if (expireIfDue(r, now)) {
            return refuse(context, r, "approve", stateProblem(store.find(r.id()).orElseThrow()));
        }
        ApprovalStore.Vote vote = store.vote(r.id(), user, now, settings.required());
        if (vote instanceof ApprovalStore.Vote.Recorded recorded) {
            notices.refreshOpen(store.find(r.id()).orElseThrow());
            audit(context, r, AuditEntry.Outcome.SUCCEEDED, "approval " + recorded.approvals() + " of " + settings.required());
            return Reply.builder().body("Your approval of request " + r.id() + " is counted: " + recorded.approvals()
                    + " of " + settings.required() + ". " + (settings.required() - recorded.approvals())
                    + " more approver(s) needed.").build();
        }
        if (vote instanceof ApprovalStore.Vote.AlreadyVoted already) {
            return refuse(context, r, "approve", "You already approved request " + r.id() + " (" + already.approvals()
                    + " of " + settings.required() + "); another approver is needed.");
        }
        if (vote instanceof ApprovalStore.Vote.Reached reached) {
            audit(context, r, AuditEntry.Outcome.SUCCEEDED, "approved; running `" + r.command() + "` as " + r.requester());
            Optional<ApprovalRequest> finished = executor.run(reached.request());
            if (finished.isEmpty()) {
                return refuse(context, r, "approve", stateProblem(store.find(r.id()).orElseThrow()));
            }
            ApprovalRequest done = finished.get();
            return Reply.builder().header("Approved request " + r.id())
                    .body("`" + r.command() + "` ran as " + r.requester() + ": " + done.state().label() + ". " + done.note())
                    .context("The full result is in the approval card's thread.").build();
        }
        return refuse(context, r, "approve", stateProblem(store.find(r.id()).orElseThrow()));
    }

    Reply deny(CommandContext context) {
        Optional<ApprovalRequest> found = find(context.args().positional(0));
        if (found.isEmpty()) {
            return unknown(context, "deny");
        }
        ApprovalRequest r = found.get();
        Optional<String> notAllowed = mayDecide(context, r, "deny");
        if (notAllowed.isPresent()) {
            return refuse(context, r, "deny", notAllowed.get());
        }
        Instant now = clock.instant();
        List<String> words = context.args().positionals();
        String reason = String.join(" ", words.subList(1, words.size())); // the reason needs no quotes
        if (expireIfDue(r, now) || !store.transition(r.id(), ApprovalState.PENDING, ApprovalState.DENIED, context.user(), now, reason)) {
            return refuse(context, r, "deny", stateProblem(store.find(r.id()).orElseThrow()));
        }
        ApprovalRequest denied = store.find(r.id()).orElseThrow();
        // The reason is someone's words: end it with a full stop so the next sentence does not run into it.
        String said = reason.strip();
        String status = "Denied by " + context.user() + " at " + ApprovalCards.time(now)
                + (said.isEmpty() ? "." : ": " + said + (said.matches(".*[.!?]$") ? "" : "."));
        notices.close(denied, "Denied", status);
        notices.inThread(denied, Reply.inChannel(r.requester() + ": " + status + " Nothing was run."));
        notices.tellRequester(denied, "request " + r.id() + " (`" + r.command() + "`) was d" + status.substring(1)
                + " Nothing was run.");
        audit(context, r, AuditEntry.Outcome.SUCCEEDED, "denied `" + r.command() + "` of " + r.requester()
                + (reason.isEmpty() ? "" : ": " + reason));
        return Reply.ephemeral("You denied request " + r.id() + " (`" + r.command() + "`). Nothing was run.");
    }

    Reply cancel(CommandContext context) {
        Optional<ApprovalRequest> found = find(context.args().positional(0));
        if (found.isEmpty()) {
            return unknown(context, "cancel");
        }
        ApprovalRequest r = found.get();
        if (!context.user().equals(r.requester())) {
            return refuse(context, r, "cancel", "Only the requester (" + r.requester() + ") can cancel request " + r.id()
                    + "; an approver can `deny " + r.id() + " [reason]`.");
        }
        Instant now = clock.instant();
        if (expireIfDue(r, now)
                || !store.transition(r.id(), ApprovalState.PENDING, ApprovalState.CANCELLED, context.user(), now, "")) {
            return refuse(context, r, "cancel", stateProblem(store.find(r.id()).orElseThrow()));
        }
        notices.close(store.find(r.id()).orElseThrow(), "Cancelled",
                "Cancelled by " + context.user() + " at " + ApprovalCards.time(now) + ". Nothing was run.");
        audit(context, r, AuditEntry.Outcome.SUCCEEDED, "cancelled `" + r.command() + "`");
        return Reply.ephemeral("You cancelled request " + r.id() + " (`" + r.command() + "`). Nothing was run.");
    }

    /** Moves a pending request past its expiry to expired (closing its card); true if it is past expiry. */
    boolean expireIfDue(ApprovalRequest r, Instant now) {
        if (r.state() != ApprovalState.PENDING || !r.isExpiredAt(now)) {
            return false;
        }
        if (store.transition(r.id(), ApprovalState.PENDING, ApprovalState.EXPIRED, null, now, "")) {
            ApprovalRequest expired = store.find(r.id()).orElseThrow();
            String status = "Expired at " + ApprovalCards.time(r.expiresAt()) + " with " + r.approvers().size() + " of "
                    + settings.required() + " approvals. Nothing was run.";
            notices.close(expired, "Expired", status);
            notices.tellRequester(expired, "request " + r.id() + " (`" + r.command() + "`) e" + status.substring(1));
        }
        return true;
    }

    private Optional<String> mayDecide(CommandContext context, ApprovalRequest r, String verb) {
        if (context.user().equals(r.requester())) {
            return Optional.of("You asked for `" + r.command() + "` (request " + r.id() + "); someone else must "
                    + verb + " it." + (verb.equals("deny") ? " To withdraw it, use `cancel " + r.id() + "`." : ""));
        }
        RoleDefinition role = checker.effectiveRole(context.user(), context.channel());
        if (!role.base().includes(settings.approverRole())) {
            return Optional.of("Only " + settings.approverRole().label() + " or higher may " + verb
                    + " requests; you (" + context.user() + ") are " + role.name() + ".");
        }
        return Optional.empty();
    }

    private String stateProblem(ApprovalRequest r) {
        String when = r.decidedAt().map(ApprovalCards::time).orElse("");
        return switch (r.state()) {
            case PENDING -> "Request " + r.id() + " is still pending.";
            case DENIED -> "Request " + r.id() + " was denied by " + r.decidedBy() + " at " + when
                    + "; it is closed and nothing ran. The requester can ask again.";
            case EXPIRED -> "Request " + r.id() + " expired at " + ApprovalCards.time(r.expiresAt())
                    + "; nothing was run. The requester can ask again: `" + r.command() + "`.";
            case CANCELLED -> "Request " + r.id() + " was cancelled by " + r.decidedBy() + " at " + when + ".";
            case APPROVED, RUNNING, DONE, PARTIAL, FAILED, INTERRUPTED -> "Request " + r.id() + " was already approved by "
                    + r.decidedBy() + " at " + when + " (" + r.state().label() + "); it runs only once.";
        };
    }

    private Optional<ApprovalRequest> find(String id) {
        String normalized = id.strip().toLowerCase();
        return ApprovalRequester.ID.matcher(normalized).matches() ? store.find(normalized) : Optional.empty();
    }

    private Reply unknown(CommandContext context, String verb) {
        String id = context.args().positional(0);
        String shown = id.length() > 40 ? id.substring(0, 40) + "..." : id;
        String reason = "There is no approval request '" + shown + "'. `approvals` lists the pending ones.";
        audit.record(new AuditEntry(clock.instant(), context.user(), context.channel(), context.request().text(), null,
                List.of(), AuditEntry.Outcome.DENIED, reason));
        return Reply.builder().header("Cannot " + verb).body(reason).build();
    }

    private Reply refuse(CommandContext context, ApprovalRequest r, String verb, String reason) {
        audit(context, r, AuditEntry.Outcome.DENIED, reason);
        return Reply.builder().header("Cannot " + verb).body(reason).build();
    }

    private void audit(CommandContext context, ApprovalRequest r, AuditEntry.Outcome outcome, String detail) {
        audit.record(new AuditEntry(clock.instant(), context.user(), context.channel(), context.request().text(),
                r.region(), List.of("approval:" + r.id()), outcome, detail));
    }
}
