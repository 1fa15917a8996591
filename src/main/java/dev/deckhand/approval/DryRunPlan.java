package dev.deckhand.approval;

import dev.deckhand.chat.CommandRequest;
import dev.deckhand.chat.Progress;
import dev.deckhand.chat.Reply;
import dev.deckhand.command.Arguments;
import dev.deckhand.command.CommandContext;
import dev.deckhand.command.CommandSpec;
import dev.deckhand.command.Touched;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The plan shown on an approval card: the command's own {@code --dry-run} answer, computed before the
 * request is stored. Running it first also means bad input (a missing instance, a malformed name) is
 * refused at once instead of failing only after someone approved it.
 */
final class DryRunPlan {

    static final String SWITCH = "dry-run";

    private DryRunPlan() {
    }

    /**
     * @return the dry-run reply; empty when the command has no {@code --dry-run} switch or was typed with it
     * @throws dev.deckhand.command.UsageException      when the input is wrong
     * @throws dev.deckhand.command.UserFacingException when AWS says the plan cannot work
     */
    static Optional<Reply> of(CommandRequest request, CommandSpec spec, Arguments args, String region) {
        if (!spec.switchFlags().contains(SWITCH) || args.has(SWITCH)) {
            return Optional.empty();
        }
        Map<String, String> flags = new HashMap<>(args.flags());
        flags.put(SWITCH, "true");
        Arguments dryRun = new Arguments(args.positionals(), flags);
        // As the approved run will see it: handlers that refuse a risky change unless it was approved
        // (SSH open to the world) must plan it here, not refuse it, since approval is what is being asked.
        CommandRequest asApproved = new CommandRequest(request.userId(), request.channelId(), request.text(),
                CommandRequest.Origin.APPROVAL);
        return Optional.of(spec.handler().handle(
                new CommandContext(asApproved, spec, dryRun, region, Progress.NONE, new Touched())));
    }
}
