package dev.deckhand.command;

import dev.deckhand.access.Role;

import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything Deckhand knows about one command before running it: its name (one or two words, e.g.
 * {@code ec2 launch}), how it is written, what it does, an example, the role it needs, the flags it
 * takes, and whether it changes AWS (then it is audited).
 *
 * @param name          one or two words, lower case
 * @param usage         the form, e.g. {@code ec2 stop <name|id> [--region r]}
 * @param description   one line
 * @param example       a complete example
 * @param requiredRole  the least built-in role that may run it
 * @param valueFlags    flags that take a value ({@code --type t3.micro})
 * @param switchFlags   flags that stand alone ({@code --dry-run})
 * @param minArgs       fewest positionals
 * @param maxArgs       most positionals
 * @param handler       the work of a command that only reads
 * @param change        the work of a command that changes something: planned, judged, then applied;
 *                      null for a read
 * @param flagDefaults  what a flag means when it is not typed ({@code type -> t3.micro}), so limits are
 *                      checked against what will really happen, not only against what was typed
 */
public record CommandSpec(String name, String usage, String description, String example, Role requiredRole,
                          Set<String> valueFlags, Set<String> switchFlags, int minArgs, int maxArgs,
                          Handler handler, Change change, Map<String, String> flagDefaults) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*( [a-z][a-z0-9-]*)?");

    public CommandSpec {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Malformed command name '" + name + "': one or two lower-case words");
        }
        Objects.requireNonNull(usage, "usage of " + name);
        Objects.requireNonNull(description, "description of " + name);
        Objects.requireNonNull(example, "example of " + name);
        Objects.requireNonNull(requiredRole, "requiredRole of " + name);
        valueFlags = Set.copyOf(valueFlags);
        switchFlags = Set.copyOf(switchFlags);
        if (minArgs < 0 || maxArgs < minArgs) {
            throw new IllegalArgumentException("Bad argument counts for " + name);
        }
        if ((handler == null) == (change == null)) {
            throw new IllegalArgumentException(name + " needs exactly one of a handler (reads) or a change (writes)");
        }
        flagDefaults = Map.copyOf(flagDefaults);
        for (String flag : flagDefaults.keySet()) {
            if (!valueFlags.contains(flag)) {
                throw new IllegalArgumentException("Default for --" + flag + " of " + name + ", which takes no such flag");
            }
        }
    }

    /** The same read-only command with another handler (tests wrap handlers to watch them). */
    public CommandSpec withHandler(Handler other) {
        return new CommandSpec(name, usage, description, example, requiredRole, valueFlags, switchFlags, minArgs,
                maxArgs, other, null, flagDefaults);
    }

    /** The same changing command with another change (tests wrap changes to watch them). */
    public CommandSpec withChange(Change other) {
        return new CommandSpec(name, usage, description, example, requiredRole, valueFlags, switchFlags, minArgs,
                maxArgs, null, other, flagDefaults);
    }

    /** Whether it changes something: then it is planned, judged by the policy and audited. */
    public boolean mutating() {
        return change != null;
    }

    /** The typed value of a flag, else its declared default. */
    public Optional<String> effectiveFlag(Arguments args, String flag) {
        return args.flag(flag).or(() -> Optional.ofNullable(flagDefaults.get(flag)));
    }

    public static Builder command(String name) {
        return new Builder(name);
    }

    /** The first word, e.g. {@code ec2} for {@code ec2 launch}. */
    public String group() {
        int space = name.indexOf(' ');
        return space < 0 ? name : name.substring(0, space);
    }

    public boolean takesFlag(String flag) {
        return valueFlags.contains(flag) || switchFlags.contains(flag);
    }

    /** Fluent construction, so command tables read like documentation. */
    public static final class Builder {
        private final String name;
        private String usage;
        private String description;
        private String example;
        private Role role = Role.VIEWER;
        private Set<String> valueFlags = Set.of();
        private Set<String> switchFlags = Set.of();
        private int minArgs;
        private int maxArgs;
        private final Map<String, String> defaults = new HashMap<>();

        private Builder(String name) {
            this.name = name;
        }

        public Builder usage(String usage) {
            this.usage = usage;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder example(String example) {
            this.example = example;
            return this;
        }

        public Builder role(Role role) {
            this.role = role;
            return this;
        }

        public Builder flags(String... valueFlags) {
            this.valueFlags = Set.of(valueFlags);
            return this;
        }

        public Builder switches(String... switchFlags) {
            this.switchFlags = Set.of(switchFlags);
            return this;
        }

        public Builder args(int min, int max) {
            this.minArgs = min;
            this.maxArgs = max;
            return this;
        }

        /** What {@code --flag} means when it is not typed. */
        public Builder flagDefault(String flag, String value) {
            defaults.put(flag, value);
            return this;
        }

        /** A command that only reads. */
        public CommandSpec handledBy(Handler handler) {
            return new CommandSpec(name, usage, description, example, role, valueFlags, switchFlags,
                    minArgs, maxArgs, Objects.requireNonNull(handler), null, defaults);
        }

        /** A command that changes something: planned, judged, audited. */
        public CommandSpec changes(Change change) {
            // Every change can be previewed: the router answers --dry-run with the plan.
            Set<String> switches = new java.util.HashSet<>(switchFlags);
            switches.add("dry-run");
            return new CommandSpec(name, usage, description, example, role, valueFlags, switches,
                    minArgs, maxArgs, null, Objects.requireNonNull(change), defaults);
        }
    }
}
