package dev.deckhand.command;

/** What the parser made of a line: a runnable command, or an explanation of what was wrong. */
public sealed interface ParseResult {

    record Parsed(CommandSpec spec, Arguments args) implements ParseResult { }

    /**
     * @param problem    what was wrong, in one sentence
     * @param spec       the command it was meant to be, when known (its usage and example are shown)
     * @param suggestion a corrected command name when the input looked like a typo, else empty
     */
    record Invalid(String problem, CommandSpec spec, String suggestion) implements ParseResult { }
}
