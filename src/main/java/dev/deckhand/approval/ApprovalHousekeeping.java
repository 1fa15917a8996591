package dev.deckhand.approval;

import dev.deckhand.chat.Reply;
import dev.deckhand.store.AuditEntry;
import dev.deckhand.store.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Work on requests nobody is clicking: expiring pending ones whose time is up, and reporting the ones
 * a stopped process left approved or running. Those are marked interrupted and never re-run: whether
 * a half-run terminate finished is a question for AWS and a person, not for a retry.
 *
 * <p>With several replicas on one store, "a stopped process" means the replica that approved or
 * started the request ({@code claimed_by}) has no live heartbeat: a request another replica is still
 * running is left alone, whoever starts or sweeps meanwhile. Requests claimed before claimants were
 * recorded (one process per team) count as abandoned, as they always did.
 */
final class ApprovalHousekeeping {

    private static final Logger log = LoggerFactory.getLogger(ApprovalHousekeeping.class);
    /** Audit entries searched for the outcome of a run cut short; a restart follows soon after. */
    private static final int AUDIT_LOOKBACK = 500;

    private final ApprovalStore store;
    private final ApprovalDecider decider;
    private final ApprovalNotices notices;
    private final AuditLog audit;
    private final Clock clock;
    private final Predicate<String> isAlive;

    /** @param isAlive whether the replica with this instance id still has a live heartbeat */
    ApprovalHousekeeping(ApprovalStore store, ApprovalDecider decider,
                         ApprovalNotices notices, AuditLog audit, Clock clock, Predicate<String> isAlive) {
        this.store = store;
        this.decider = decider;
        this.notices = notices;
        this.audit = audit;
        this.clock = clock;
        this.isAlive = isAlive;
    }

    /**
     * What is known of a request that was running: the router audits an approved run as soon as its
     * handler returns, so an audit entry naming the request means it finished before the state was saved.
     */
    private String runningWhenStopped(ApprovalRequest r) {
        String marker = "approved request " + r.id() + ": ";
        return audit.latest(AUDIT_LOOKBACK).stream()
                .filter(e -> e.detail().startsWith(marker))
                .findFirst()
                .map(e -> "Deckhand stopped just after `" + r.command() + "` finished; the audit log has its outcome: "
                        + e.outcome().name().toLowerCase() + ", " + e.detail().substring(marker.length())
                        + (e.resources().isEmpty() ? "" : " (" + String.join(", ", e.resources()) + ")") + ". It is not re-run.")
                .orElse("Deckhand stopped while `" + r.command() + "` was running (started after approval by "
                        + r.decidedBy() + "): it may or may not have finished. Check " + r.region()
                        + " (and `audit`) before asking again; it is not re-run.");
    }

    /** @return how many pending requests this call expired */
    int expireDue() {
        Instant now = clock.instant();
        int expired = 0;
        for (ApprovalRequest r : store.pendingDue(now)) {
            if (decider.expireIfDue(r, now) && store.find(r.id()).map(ApprovalRequest::state).orElse(null) == ApprovalState.EXPIRED) {
                expired++;
            }
        }
        return expired;
    }

    /** @return the requests marked interrupted: approved or running, and their replica is gone */
    List<ApprovalRequest> recoverAfterRestart() {
        Instant now = clock.instant();
        List<ApprovalRequest> interrupted = new ArrayList<>();
        for (ApprovalState state : List.of(ApprovalState.APPROVED, ApprovalState.RUNNING)) {
            for (ApprovalRequest r : store.inState(state)) {
                Optional<String> claimant = store.claimedBy(r.id());
                if (claimant.isPresent() && isAlive.test(claimant.get())) {
                    continue;
                }
                String known = state == ApprovalState.APPROVED
                        ? "Deckhand stopped after the approval and before `" + r.command() + "` started: nothing was run. "
                        + "Ask again to run it."
                        : runningWhenStopped(r);
                if (!store.transition(r.id(), state, ApprovalState.INTERRUPTED, null, now, known)) {
                    continue;
                }
                ApprovalRequest marked = store.find(r.id()).orElseThrow();
                interrupted.add(marked);
                log.warn("Approval request {} was {} when its Deckhand ({}) stopped; marked interrupted: {}", r.id(),
                        state.label(), claimant.orElse("unrecorded"), dev.deckhand.validate.UrlMask.inText(r.command()));
                audit.record(new AuditEntry(now, r.requester(), r.channelId(), r.command(), r.region(),
                        List.of("approval:" + r.id()), AuditEntry.Outcome.FAILED, "interrupted by a restart while "
                        + state.label() + "; not re-run"));
                notices.close(marked, "Interrupted", "Approved by " + r.decidedBy() + " at "
                        + r.decidedAt().map(ApprovalCards::time).orElse("?") + ". Interrupted: " + known);
                notices.inThread(marked, Reply.inChannel(r.requester() + ": request " + r.id() + " was interrupted. " + known));
            }
        }
        return interrupted;
    }
}
