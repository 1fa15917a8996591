package dev.deckhand.command;

import dev.deckhand.validate.Numbers;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parsed arguments of one command: positionals in order and flags by name (without dashes).
 * Boolean flags map to {@code "true"}.
 */
public record Arguments(List<String> positionals, Map<String, String> flags) {

    public Arguments {
        positionals = List.copyOf(positionals);
        flags = Map.copyOf(flags);
    }

    public static Arguments none() {
        return new Arguments(List.of(), Map.of());
    }

    public String positional(int index) {
        return positionals.get(index);
    }

    public Optional<String> optionalPositional(int index) {
        return index < positionals.size() ? Optional.of(positionals.get(index)) : Optional.empty();
    }

    public Optional<String> flag(String name) {
        return Optional.ofNullable(flags.get(name));
    }

    public String flagOr(String name, String fallback) {
        return flags.getOrDefault(name, fallback);
    }

    public boolean has(String name) {
        return flags.containsKey(name);
    }

    /**
     * Reads a whole-number flag from {@code min} to {@code max} as {@link Numbers} reads every number
     * (ASCII digits only, no sign, spaces or leading zeros), or explains the right form.
     */
    public int intFlag(String name, int fallback, int min, int max) {
        String raw = flags.get(name);
        if (raw == null) {
            return fallback;
        }
        return Numbers.parse("--" + name, raw, min, max, "--" + name + " " + fallback);
    }
}
