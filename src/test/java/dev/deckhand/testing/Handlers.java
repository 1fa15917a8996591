package dev.deckhand.testing;

import dev.deckhand.chat.CommandRequest;
import dev.deckhand.chat.Progress;
import dev.deckhand.chat.Reply;
import dev.deckhand.command.Arguments;
import dev.deckhand.command.CommandContext;
import dev.deckhand.command.CommandSpec;
import dev.deckhand.command.Touched;

import java.util.List;
import java.util.Map;

/** Calls one handler directly (past the router), for features whose tests inject clocks or executors. */
public final class Handlers {

    private Handlers() {
    }

    public static Reply call(CommandSpec spec, String user, List<String> positionals, Map<String, String> flags,
                             Progress progress) {
        String text = spec.name() + " " + String.join(" ", positionals);
        CommandContext context = new CommandContext(new CommandRequest(user, "C1", text, CommandRequest.Origin.CONSOLE),
                spec, new Arguments(positionals, flags), "us-east-1", progress, new Touched());
        return spec.handler().handle(context);
    }

    public static CommandSpec named(List<CommandSpec> specs, String name) {
        return specs.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }
}
