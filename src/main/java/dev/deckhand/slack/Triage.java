package dev.deckhand.slack;

import dev.deckhand.validate.UrlMask;
import dev.deckhand.access.Authorizer;
import dev.deckhand.access.Decision;
import dev.deckhand.chat.CommandRequest;
import dev.deckhand.chat.Reply;
import dev.deckhand.command.CommandRouter;
import dev.deckhand.command.ParseResult;
import dev.deckhand.command.Regions;
import dev.deckhand.validate.UsageException;

import java.util.Set;
import java.util.function.Function;

/**
 * Decides, inside Slack's 3-second window, whether a command can be answered right away or must run
 * after the acknowledgement. Answered at once: input that does not parse, a bad {@code --region}, a
 * command the user may not run (all cheap, and all go through the router so the words and the audit
 * are the same as anywhere else), and the configured instant commands that only read Deckhand's own
 * store. Everything else may call AWS and is deferred.
 *
 * <p>The permission question asked here only chooses the path; the router asks it again before the
 * handler runs, so a button's value or a stale answer here never grants anything.
 */
final class Triage {

    /** How one command is handled. */
    sealed interface Plan {
        /** Answered now; {@code reply} is the router's own answer. */
        record Answer(Reply reply) implements Plan { }

        /** Runs after the ack; {@code ack} (plain text, not yet escaped) tells the user it is under way. */
        record Defer(String ack) implements Plan { }
    }

    private final CommandRouter router;
    private final Authorizer authorizer;
    private final Function<String, String> regionOf;
    private final Set<String> instantCommands;

    Triage(CommandRouter router, Authorizer authorizer, Function<String, String> regionOf, Set<String> instantCommands) {
        this.router = router;
        this.authorizer = authorizer;
        this.regionOf = regionOf;
        this.instantCommands = instantCommands;
    }

    Plan plan(CommandRequest request) {
        if (!(router.parse(request.text()) instanceof ParseResult.Parsed parsed)) {
            return new Plan.Answer(router.dispatch(request));
        }
        if (instantCommands.contains(parsed.spec().name())) {
            return new Plan.Answer(router.dispatch(request));
        }
        String region;
        try {
            region = router.regionFor(parsed, request.channelId());
        } catch (UsageException e) {
            return new Plan.Answer(router.dispatch(request));
        }
        Decision decision = authorizer.check(request.userId(), request.channelId(), parsed.spec().name(),
                parsed.spec().requiredRole());
        // A dry run beyond the user's role is still answered with the plan, which may read AWS: deferred.
        boolean planOnly = parsed.spec().mutating() && parsed.args().has("dry-run");
        if (decision instanceof Decision.Denied && !planOnly) {
            return new Plan.Answer(router.dispatch(request));
        }
        // Only a command that takes --region acts in one; "in us-east-1" on `approve` or `grant` would be untrue.
        String where = parsed.spec().takesFlag("region") ? " in " + region : "";
        return new Plan.Defer(":hourglass_flowing_sand: Working on `" + UrlMask.inText(request.text())
                + "`" + where + "…");
    }
}
