package dev.deckhand.command;

import dev.deckhand.validate.UsageException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Turns text into a {@link ParseResult}: finds the command (one or two words), then reads
 * positionals and flags ({@code --flag value}, {@code --flag=value}, {@code key=value} is a plain
 * positional left to the handler). Everything wrong is reported with the command's usage.
 */
public final class CommandParser {

    /**
     * {@code --account <name>}: taken by every command (which account it acts in), and read by the router
     * rather than by handlers.
     */
    public static final String ACCOUNT = "account";

    private final CommandRegistry registry;

    public CommandParser(CommandRegistry registry) {
        this.registry = registry;
    }

    /** Slack's own limit on a slash command's text; longer input is refused before any work is done on it. */
    public static final int MAX_LENGTH = 4_000;

    public ParseResult parse(String text) {
        if (text != null && text.length() > MAX_LENGTH) {
            return new ParseResult.Invalid("That command is " + text.length() + " characters long; Deckhand reads at most "
                    + MAX_LENGTH + " (Slack's own limit).", null, "");
        }
        List<String> tokens;
        try {
            tokens = Tokenizer.tokenize(text);
        } catch (UsageException e) {
            return new ParseResult.Invalid(e.getMessage() + " " + e.hint(), null, "");
        }
        if (tokens.isEmpty()) {
            return new ParseResult.Parsed(registry.find("help").orElseThrow(), Arguments.none());
        }
        String first = tokens.get(0).toLowerCase();
        CommandSpec spec;
        int consumed;
        // A word can be both a command and a group (`leaks` scans, `leaks snooze ...` snoozes): a known
        // subcommand wins, anything else goes to the one-word command.
        boolean alsoCommand = registry.find(first).isPresent();
        if (registry.isGroup(first) && (!alsoCommand || tokens.size() >= 2
                && registry.find(first + " " + tokens.get(1).toLowerCase()).isPresent())) {
            if (tokens.size() < 2 || tokens.get(1).startsWith("--")) {
                return new ParseResult.Invalid("`" + first + "` needs a subcommand: "
                        + subcommands(first) + ".", null, "help " + first);
            }
            String second = tokens.get(1).toLowerCase();
            var found = registry.find(first + " " + second);
            if (found.isEmpty()) {
                String near = Suggestions.nearest(second, subcommandWords(first)).map(w -> first + " " + w).orElse("");
                return new ParseResult.Invalid("`" + first + " " + second + "` is not a command. `" + first
                        + "` takes: " + subcommands(first) + ".", null, near);
            }
            spec = found.get();
            consumed = 2;
        } else {
            var found = registry.find(first);
            if (found.isEmpty()) {
                Set<String> words = registry.all().stream().map(CommandSpec::group).collect(Collectors.toCollection(TreeSet::new));
                // A subcommand typed without its group ("lanch web" -> ec2 launch) is suggested whole.
                Map<String, String> subcommands = new HashMap<>();
                registry.all().stream().filter(s -> s.name().contains(" "))
                        .forEach(s -> subcommands.putIfAbsent(s.name().substring(s.name().indexOf(' ') + 1), s.name()));
                String near = Suggestions.nearest(first, words).orElseGet(() -> Suggestions.nearest(first,
                        subcommands.keySet()).map(subcommands::get).orElse(""));
                return new ParseResult.Invalid("`" + first + "` is not a Deckhand command.", null, near);
            }
            spec = found.get();
            consumed = 1;
        }
        return readArguments(spec, tokens.subList(consumed, tokens.size()));
    }

    private ParseResult readArguments(CommandSpec spec, List<String> rest) {
        List<String> positionals = new ArrayList<>();
        Map<String, String> flags = new HashMap<>();
        for (int i = 0; i < rest.size(); i++) {
            String token = rest.get(i);
            if (!token.startsWith("--") || token.length() == 2) {
                positionals.add(token);
                continue;
            }
            String name = token.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            name = name.toLowerCase();
            if (!spec.takesFlag(name) && !name.equals(ACCOUNT)) {
                Set<String> known = new TreeSet<>(spec.valueFlags());
                known.add(ACCOUNT);
                known.addAll(spec.switchFlags());
                String near = Suggestions.nearest(name, known).map(n -> " Did you mean --" + n + "?").orElse("");
                return new ParseResult.Invalid("`" + spec.name() + "` has no option --" + name + "." + near, spec, "");
            }
            if (spec.switchFlags().contains(name)) {
                if (value != null) {
                    return new ParseResult.Invalid("--" + name + " takes no value.", spec, "");
                }
                flags.put(name, "true");
                continue;
            }
            if (value == null) {
                if (i + 1 >= rest.size() || rest.get(i + 1).startsWith("--")) {
                    return new ParseResult.Invalid("--" + name + " needs a value.", spec, "");
                }
                value = rest.get(++i);
            }
            if (flags.put(name, value) != null) {
                return new ParseResult.Invalid("--" + name + " is given twice.", spec, "");
            }
        }
        if (positionals.size() < spec.minArgs()) {
            List<String> missing = placeholders(spec).stream().skip(positionals.size()).limit(spec.minArgs() - positionals.size())
                    .toList();
            // Name what is missing (`ec2 show` needs <name|id>) where the usage line says it.
            if (missing.size() == spec.minArgs() - positionals.size()) {
                return new ParseResult.Invalid("`" + spec.name() + "` needs " + String.join(" ", missing) + ".", spec, "");
            }
            return new ParseResult.Invalid("`" + spec.name() + "` needs " + describeCount(spec) + ", got "
                    + positionals.size() + ".", spec, "");
        }
        if (positionals.size() > spec.maxArgs()) {
            return new ParseResult.Invalid("`" + spec.name() + "` takes " + describeCount(spec) + ", got "
                    + positionals.size() + " (" + String.join(" ", positionals) + "). Quote a value that has spaces.",
                    spec, "");
        }
        return new ParseResult.Parsed(spec, new Arguments(positionals, flags));
    }

    /** The required positionals of the usage line, e.g. {@code <name|id>}, in order. */
    private static List<String> placeholders(CommandSpec spec) {
        String usage = spec.usage().startsWith(spec.name()) ? spec.usage().substring(spec.name().length()) : "";
        List<String> out = new ArrayList<>();
        for (String word : usage.trim().split("\\s+")) {
            if (word.startsWith("[") || word.startsWith("--") || word.startsWith("|")) {
                break;
            }
            if (word.startsWith("<") && word.endsWith(">")) {
                out.add("`" + word + "`");
            }
        }
        return out;
    }

    private static String describeCount(CommandSpec spec) {
        if (spec.maxArgs() == 0) {
            return "no arguments";
        }
        if (spec.minArgs() == spec.maxArgs()) {
            return spec.minArgs() + (spec.minArgs() == 1 ? " argument" : " arguments");
        }
        return spec.minArgs() + " to " + spec.maxArgs() + " arguments";
    }

    private List<String> subcommandWords(String group) {
        return registry.inGroup(group).stream().map(s -> s.name().substring(group.length() + 1)).toList();
    }

    private String subcommands(String group) {
        return String.join(", ", subcommandWords(group));
    }
}
