package dev.deckhand.command;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every command Deckhand knows, registered explicitly at start (no classpath scanning). A duplicate
 * name fails at once, so two features can never silently shadow each other.
 */
public final class CommandRegistry {

    private final Map<String, CommandSpec> byName = new LinkedHashMap<>();

    public CommandRegistry register(CommandSpec spec) {
        if (byName.putIfAbsent(spec.name(), spec) != null) {
            throw new IllegalStateException("Command '" + spec.name() + "' is registered twice");
        }
        // A one-word command may share its word with a group (`leaks` and `leaks snooze`): the parser
        // tries the subcommand first, so neither shadows the other.
        return this;
    }

    public CommandRegistry registerAll(Collection<CommandSpec> specs) {
        specs.forEach(this::register);
        return this;
    }

    public Optional<CommandSpec> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Collection<CommandSpec> all() {
        return Collections.unmodifiableCollection(byName.values());
    }

    /** Commands whose first word is {@code group}, e.g. all {@code ec2 ...}. */
    public List<CommandSpec> inGroup(String group) {
        List<CommandSpec> result = new ArrayList<>();
        for (CommandSpec spec : byName.values()) {
            if (spec.group().equals(group) && spec.name().indexOf(' ') > 0) {
                result.add(spec);
            }
        }
        return result;
    }

    public boolean isGroup(String word) {
        return !inGroup(word).isEmpty();
    }
}
