package dev.deckhand.command;

import dev.deckhand.access.Decision;
import dev.deckhand.access.Authorizer;
import dev.deckhand.chat.CommandRequest;
import dev.deckhand.chat.Progress;
import dev.deckhand.chat.Reply;
import dev.deckhand.store.AuditEntry;
import dev.deckhand.store.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The one path every command takes, whoever sent it: parse, pick the region, ask the permission
 * checker, ask the approval gate, run the handler, audit what changed, and turn every failure into a
 * reply a person can act on. Nothing reaches a handler any other way: an approved request runs through
 * {@link #dispatchApproved}, which skips only the approval gate.
 */
public final class CommandRouter {

    private static final Logger log = LoggerFactory.getLogger(CommandRouter.class);

    private final CommandParser parser;
    private final Authorizer checker;
    private final Function<String, String> channelRegion;
    private final AuditLog audit;
    private final Clock clock;
    private final ApprovalGate gate;
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();

    /** What came of running a command: the reply, and whether the handler finished without an error. */
    public record Execution(Reply reply, boolean succeeded) { }

    /**
     * @param channelRegion the default region of a channel (stored, else configured)
     */
    public CommandRouter(CommandRegistry registry, Authorizer checker, Function<String, String> channelRegion,
                         AuditLog audit, Clock clock) {
        this(registry, checker, channelRegion, audit, clock, ApprovalGate.NONE);
    }

    /**
     * @param gate decides, after the permission check, whether a command is held for approval
     */
    public CommandRouter(CommandRegistry registry, Authorizer checker, Function<String, String> channelRegion,
                         AuditLog audit, Clock clock, ApprovalGate gate) {
        this.parser = new CommandParser(registry);
        this.checker = checker;
        this.channelRegion = channelRegion;
        this.audit = audit;
        this.clock = clock;
        this.gate = gate;
    }

    /** Runs {@code listener} after every mutating command that changed something (e.g. to drop cached scans). */
    public void onSuccessfulChange(Runnable listener) {
        changeListeners.add(listener);
    }

    /** Parses without running: adapters use it to answer usage errors at once and to word the ack. */
    public ParseResult parse(String text) {
        return parser.parse(text);
    }

    public Reply dispatch(CommandRequest request) {
        return dispatch(request, Progress.NONE);
    }

    public Reply dispatch(CommandRequest request, Progress progress) {
        return run(request, progress, null).reply();
    }

    /**
     * Runs a command that was held for approval and has now been approved: parsed, region-checked and
     * permission-checked again as the requester (a role taken away meanwhile still stops it), audited,
     * but not sent to the approval gate again. Only the approval feature calls this, with the pinned
     * command it stored; chat input never reaches it.
     *
     * @param approvalId the approved request, named in the audit entry
     */
    public Execution dispatchApproved(CommandRequest request, String approvalId, Progress progress) {
        return run(request, progress, approvalId);
    }

    private Execution run(CommandRequest request, Progress progress, String approvalId) {
        ParseResult result = parser.parse(request.text());
        if (result instanceof ParseResult.Invalid invalid) {
            return new Execution(UsageReplies.invalid(invalid), false);
        }
        ParseResult.Parsed parsed = (ParseResult.Parsed) result;
        CommandSpec spec = parsed.spec();
        String region;
        try {
            region = parsed.args().flag("region").map(Regions::requireValid)
                    .orElseGet(() -> channelRegion.apply(request.channelId()));
        } catch (UsageException e) {
            return new Execution(UsageReplies.usage(spec, e), false);
        }
        Decision decision = checker.check(request.userId(), request.channelId(), spec, parsed.args(), region);
        if (decision instanceof Decision.Denied denied) {
            if (spec.mutating()) {
                record(request, region, List.of(), AuditEntry.Outcome.DENIED, denied.reason());
            }
            return new Execution(Reply.builder().header("Not allowed").body(denied.reason()).build(), false);
        }
        if (approvalId == null) {
            Optional<Reply> held = hold(request, spec, parsed.args(), region, decision);
            if (held.isPresent()) {
                return new Execution(held.get(), false);
            }
        }
        String prefix = approvalId == null ? "" : "approved request " + approvalId + ": ";
        CommandContext context = new CommandContext(request, spec, parsed.args(), region, progress, new Touched());
        try {
            Reply reply = spec.handler().handle(context);
            if (spec.mutating() && (approvalId != null || !context.touched().ids().isEmpty())) {
                record(request, region, context.touched().ids(), AuditEntry.Outcome.SUCCEEDED, prefix + firstLine(reply));
                changeListeners.forEach(Runnable::run);
            }
            return new Execution(reply, true);
        } catch (UsageException e) {
            return new Execution(UsageReplies.usage(spec, e), false);
        } catch (UserFacingException e) {
            if (spec.mutating() && !parsed.args().has("dry-run")) {
                record(request, region, context.touched().ids(), AuditEntry.Outcome.FAILED, prefix + e.getMessage());
            }
            return new Execution(Reply.builder().header("Could not " + spec.name()).body(e.getMessage()).build(), false);
        } catch (RuntimeException e) {
            String ref = UUID.randomUUID().toString().substring(0, 8);
            log.error("Command '{}' from {} failed (ref {})", spec.name(), request.userId(), ref, e);
            if (spec.mutating()) {
                record(request, region, context.touched().ids(), AuditEntry.Outcome.FAILED,
                        prefix + "internal error, ref " + ref);
            }
            return new Execution(Reply.builder().header("Something went wrong")
                    .body("`" + spec.name() + "` failed unexpectedly (ref " + ref + "). The details are in Deckhand's log; "
                            + "nothing else was changed after the failure.")
                    .build(), false);
        }
    }

    private void record(CommandRequest request, String region, List<String> resources, AuditEntry.Outcome outcome,
                        String detail) {
        audit.record(new AuditEntry(clock.instant(), request.userId(), request.channelId(), request.text(), region,
                resources, outcome, detail));
    }

    /** The gate's answer when it holds the command (or cannot decide): a reply instead of a run. */
    private Optional<Reply> hold(CommandRequest request, CommandSpec spec, Arguments args, String region, Decision decision) {
        try {
            return gate.hold(request, spec, args, region, decision);
        } catch (UsageException e) {
            return Optional.of(UsageReplies.usage(spec, e));
        } catch (UserFacingException e) {
            return Optional.of(Reply.builder().header("Could not " + spec.name()).body(e.getMessage())
                    .context("No approval request was made.").build());
        } catch (RuntimeException e) {
            String ref = UUID.randomUUID().toString().substring(0, 8);
            log.error("Approval gate failed for '{}' from {} (ref {})", spec.name(), request.userId(), ref, e);
            return Optional.of(Reply.builder().header("Something went wrong")
                    .body("`" + spec.name() + "` could not be sent for approval (ref " + ref + "); nothing was run. "
                            + "The details are in Deckhand's log.").build());
        }
    }

    private static String firstLine(Reply reply) {
        String text = reply.header().isEmpty() ? reply.body() : reply.header();
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
