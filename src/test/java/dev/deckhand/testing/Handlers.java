package dev.deckhand.testing;

import dev.deckhand.chat.CommandRequest;
import dev.deckhand.chat.Progress;
import dev.deckhand.chat.Reply;
import dev.deckhand.command.Arguments;
import dev.deckhand.command.CommandContext;
import dev.deckhand.command.CommandSpec;
import dev.deckhand.command.Touched;
import dev.deckhand.plan.Plan;

import java.util.List;
import java.util.Map;

/**
 * Calls one handler directly (past the router and its policy), for features whose tests inject clocks
 * or executors. A changing command is planned and its plan applied, as the router does once the plan
 * is allowed; an empty plan answers with its notes.
 */
public final class Handlers {

    private Handlers() {
    }

    public static Reply call(CommandSpec spec, String user, List<String> positionals, Map<String, String> flags,
                             Progress progress) {
        String text = spec.name() + " " + String.join(" ", positionals);
        CommandContext context = new CommandContext(new CommandRequest(user, "C1", text, CommandRequest.Origin.CONSOLE),
                spec, new Arguments(positionals, flags), "us-east-1", progress, new Touched());
        if (spec.mutating()) {
            Plan plan = spec.change().plan(context);
            return plan.isEmpty() ? Reply.ephemeral(String.join("\n", plan.notes())) : spec.change().apply(context, plan);
        }
        return spec.handler().handle(context);
    }

    /** The plan a changing command makes, as {@code user}, without applying it. */
    public static Plan plan(CommandSpec spec, String user, List<String> positionals, Map<String, String> flags) {
        String text = spec.name() + " " + String.join(" ", positionals);
        CommandContext context = new CommandContext(new CommandRequest(user, "C1", text, CommandRequest.Origin.CONSOLE),
                spec, new Arguments(positionals, flags), "us-east-1", Progress.NONE, new Touched());
        return spec.change().plan(context);
    }

    public static CommandSpec named(List<CommandSpec> specs, String name) {
        return specs.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }
}
