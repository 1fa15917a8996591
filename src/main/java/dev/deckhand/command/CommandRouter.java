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
import java.util.UUID;
import java.util.function.Function;

/**
 * The one path every command takes, whoever sent it: parse, pick the region, ask the permission
 * checker, run the handler, audit what changed, and turn every failure into a reply a person can act
 * on. Nothing reaches a handler any other way.
 */
public final class CommandRouter {

    private static final Logger log = LoggerFactory.getLogger(CommandRouter.class);

    private final CommandParser parser;
    private final Authorizer checker;
    private final Function<String, String> channelRegion;
    private final AuditLog audit;
    private final Clock clock;

    /**
     * @param channelRegion the default region of a channel (stored, else configured)
     */
    public CommandRouter(CommandRegistry registry, Authorizer checker, Function<String, String> channelRegion,
                         AuditLog audit, Clock clock) {
        this.parser = new CommandParser(registry);
        this.checker = checker;
        this.channelRegion = channelRegion;
        this.audit = audit;
        this.clock = clock;
    }

    /** Parses without running: adapters use it to answer usage errors at once and to word the ack. */
    public ParseResult parse(String text) {
        return parser.parse(text);
    }

    public Reply dispatch(CommandRequest request) {
        return dispatch(request, Progress.NONE);
    }

    public Reply dispatch(CommandRequest request, Progress progress) {
        ParseResult result = parser.parse(request.text());
        if (result instanceof ParseResult.Invalid invalid) {
            return UsageReplies.invalid(invalid);
        }
        ParseResult.Parsed parsed = (ParseResult.Parsed) result;
        CommandSpec spec = parsed.spec();
        String region;
        try {
            region = parsed.args().flag("region").map(Regions::requireValid)
                    .orElseGet(() -> channelRegion.apply(request.channelId()));
        } catch (UsageException e) {
            return UsageReplies.usage(spec, e);
        }
        Decision decision = checker.check(request.userId(), request.channelId(), spec, parsed.args(), region);
        if (decision instanceof Decision.Denied denied) {
            if (spec.mutating()) {
                record(request, region, List.of(), AuditEntry.Outcome.DENIED, denied.reason());
            }
            return Reply.builder().header("Not allowed").body(denied.reason()).build();
        }
        CommandContext context = new CommandContext(request, spec, parsed.args(), region, progress, new Touched());
        try {
            Reply reply = spec.handler().handle(context);
            if (spec.mutating() && !context.touched().ids().isEmpty()) {
                record(request, region, context.touched().ids(), AuditEntry.Outcome.SUCCEEDED, firstLine(reply));
            }
            return reply;
        } catch (UsageException e) {
            return UsageReplies.usage(spec, e);
        } catch (UserFacingException e) {
            if (spec.mutating() && !parsed.args().has("dry-run")) {
                record(request, region, context.touched().ids(), AuditEntry.Outcome.FAILED, e.getMessage());
            }
            return Reply.builder().header("Could not " + spec.name()).body(e.getMessage()).build();
        } catch (RuntimeException e) {
            String ref = UUID.randomUUID().toString().substring(0, 8);
            log.error("Command '{}' from {} failed (ref {})", spec.name(), request.userId(), ref, e);
            if (spec.mutating()) {
                record(request, region, context.touched().ids(), AuditEntry.Outcome.FAILED, "internal error, ref " + ref);
            }
            return Reply.builder().header("Something went wrong")
                    .body("`" + spec.name() + "` failed unexpectedly (ref " + ref + "). The details are in Deckhand's log; "
                            + "nothing else was changed after the failure.")
                    .build();
        }
    }

    private void record(CommandRequest request, String region, List<String> resources, AuditEntry.Outcome outcome,
                        String detail) {
        audit.record(new AuditEntry(clock.instant(), request.userId(), request.channelId(), request.text(), region,
                resources, outcome, detail));
    }

    private static String firstLine(Reply reply) {
        String text = reply.header().isEmpty() ? reply.body() : reply.header();
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
