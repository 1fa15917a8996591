package dev.deckhand.command;

import dev.deckhand.chat.Reply;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code help [topic]}: made from the registry, so every command's usage and example stay true. */
public final class HelpCommand {

    private final CommandRegistry registry;

    public HelpCommand(CommandRegistry registry) {
        this.registry = registry;
    }

    public CommandSpec spec() {
        return CommandSpec.command("help")
                .usage("help [command]")
                .description("Lists the commands, or explains one of them")
                .example("help ec2 launch")
                .args(0, 2)
                .handledBy(context -> help(String.join(" ", context.args().positionals()).toLowerCase()));
    }

    Reply help(String topic) {
        if (topic.isEmpty()) {
            return overview();
        }
        var exact = registry.find(topic);
        if (exact.isPresent()) {
            List<CommandSpec> sub = registry.inGroup(topic);
            if (sub.isEmpty()) {
                return detail(exact.get());
            }
            Reply.Builder reply = detail(exact.get()).toBuilder();
            sub.forEach(spec -> reply.line("`" + spec.usage() + "`\n    " + spec.description()));
            return reply.build();
        }
        List<CommandSpec> group = registry.inGroup(topic);
        if (!group.isEmpty()) {
            Reply.Builder reply = Reply.builder().header("Deckhand: " + topic);
            group.forEach(spec -> reply.line("`" + spec.usage() + "`\n    " + spec.description()));
            reply.context("`help " + group.get(0).name() + "` explains one command.");
            return reply.build();
        }
        List<String> names = registry.all().stream().map(CommandSpec::name).toList();
        String near = Suggestions.nearest(topic, names).map(n -> " Did you mean `help " + n + "`?").orElse("");
        String shown = topic.length() > 60 ? topic.substring(0, 60) + "…" : topic;
        return Reply.builder().header("No help for that")
                .body("There is no command `" + shown + "`." + near)
                .context("Type `help` for every command.").build();
    }

    private Reply overview() {
        Map<String, StringBuilder> groups = new LinkedHashMap<>();
        for (CommandSpec spec : registry.all()) {
            groups.computeIfAbsent(spec.group(), g -> new StringBuilder())
                    .append("\n  `").append(spec.name()).append("` ").append(spec.description());
        }
        Reply.Builder reply = Reply.builder().header("Deckhand commands");
        groups.values().forEach(lines -> reply.line(lines.substring(1)));
        reply.context("`help <command>` shows its usage and an example, e.g. `help ec2 launch`.");
        return reply.build();
    }

    private static Reply detail(CommandSpec spec) {
        Reply.Builder reply = Reply.builder().header(spec.name()).body(spec.description())
                .field("Usage", "`" + spec.usage() + "`")
                .field("Example", "`" + spec.example() + "`")
                .field("Needs role", spec.requiredRole().label());
        if (spec.mutating()) {
            reply.context("Changes AWS; recorded in the audit log.");
        }
        return reply.build();
    }
}
