package dev.deckhand.approval;

import dev.deckhand.chat.CommandRequest;
import dev.deckhand.chat.Progress;
import dev.deckhand.chat.Reply;
import dev.deckhand.command.CommandRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs an approved request once: claims it ({@code APPROVED -> RUNNING}, compare-and-set, so only one
 * caller ever gets past this point), dispatches the pinned command as the requester through the
 * router, records {@code DONE} or {@code FAILED} with the outcome, posts the result in the card's
 * thread and closes the card.
 */
final class ApprovalExecutor {

    private static final Logger log = LoggerFactory.getLogger(ApprovalExecutor.class);

    private final ApprovalStore store;
    private final ApprovalNotices notices;
    private final Clock clock;
    private volatile CommandRouter router;

    ApprovalExecutor(ApprovalStore store, ApprovalNotices notices, Clock clock) {
        this.store = store;
        this.notices = notices;
        this.clock = clock;
    }

    /** The router is built after the gate it contains, so it is handed over once built. */
    void attach(CommandRouter router) {
        this.router = Objects.requireNonNull(router);
    }

    /**
     * @param approved a request this caller moved to {@code APPROVED}
     * @return the finished request, or empty when another caller had already claimed it
     */
    Optional<ApprovalRequest> run(ApprovalRequest approved) {
        if (!store.transition(approved.id(), ApprovalState.APPROVED, ApprovalState.RUNNING, null, clock.instant(), null)) {
            return Optional.empty();
        }
        String approvedBy = "Approved by " + approved.decidedBy() + " at "
                + approved.decidedAt().map(ApprovalCards::time).orElse("?");
        ApprovalRequest running = store.find(approved.id()).orElseThrow();
        notices.close(running, "Approved: running", approvedBy + ". Running now.");
        CommandRouter.Execution execution;
        Optional<String> pin = store.planPin(approved.id());
        try {
            // Fail closed: a request stored without its plan's pin (made before plans existed) never runs.
            execution = pin.isEmpty()
                    ? new CommandRouter.Execution(Reply.builder().header("Not run")
                            .body("Request " + approved.id() + " has no pinned plan, so nothing was run. Ask again: `"
                                    + approved.command() + "`.").build(), false)
                    : router.dispatchApproved(new CommandRequest(approved.requester(), approved.channelId(),
                            approved.command(), CommandRequest.Origin.APPROVAL), approved.id(), pin.get(),
                            notices.threadProgress(running));
        } catch (RuntimeException e) {
            log.error("Approved request {} failed to run", approved.id(), e);
            execution = new CommandRouter.Execution(Reply.builder().header("Something went wrong")
                    .body("`" + approved.command() + "` could not be run; the details are in Deckhand's log.").build(), false);
        }
        // A part-way stop is its own outcome: the summary says what is left and how to resume.
        String outcome = execution.partial() ? execution.summary() : firstLine(execution.reply());
        ApprovalState end = execution.partial() ? ApprovalState.PARTIAL
                : execution.succeeded() ? ApprovalState.DONE : ApprovalState.FAILED;
        String said = execution.partial() ? "Partly done: " : execution.succeeded() ? "Done: " : "Failed: ";
        store.transition(approved.id(), ApprovalState.RUNNING, end, null, clock.instant(), outcome);
        ApprovalRequest finished = store.find(approved.id()).orElseThrow();
        notices.inThread(finished, execution.reply().toBuilder().inChannel().build());
        notices.close(finished, execution.partial() ? "Approved: partly done"
                        : execution.succeeded() ? "Approved: done" : "Approved: failed",
                approvedBy + ". " + said + outcome);
        notices.tellRequester(finished, "request " + approved.id() + " (`" + approved.command() + "`) was "
                + approvedBy.substring(0, 1).toLowerCase() + approvedBy.substring(1) + ". " + said + outcome);
        return Optional.of(finished);
    }

    /**
     * The header and the body's first line. A first line that introduces a list ("Removed 9 resources:")
     * would end the summary on a colon with nothing after it, so the colon goes and the list is pointed to.
     */
    static String firstLine(Reply reply) {
        String text = reply.header().isEmpty() ? reply.body() : reply.header() + (reply.body().isEmpty() ? "" : ": " + reply.body());
        int nl = text.indexOf('\n');
        if (nl < 0) {
            return text;
        }
        String first = text.substring(0, nl).strip();
        if (first.endsWith(":")) {
            return first.substring(0, first.length() - 1) + " (listed in the thread)";
        }
        return first;
    }
}
