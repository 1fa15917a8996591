package dev.deckhand.command;




import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a parsed command back as text in one canonical form, with its region explicit: positionals
 * in order, flags sorted, {@code --region} last. This text is what the card shows and what runs on
 * approval, so a later change of the channel's default region cannot change what was approved.
 */
public final class PinnedCommand {

    private PinnedCommand() {
    }

    public static String of(CommandSpec spec, Arguments args, String region) {
        return of(spec, args, region, "");
    }

    /**
     * As {@link #of(CommandSpec, Arguments, String)}, with {@code --account <account>} explicit too (when
     * accounts are configured), so the approved command runs in the account it was asked in whatever the
     * channel's default account is by then.
     */
    public static String of(CommandSpec spec, Arguments args, String region, String account) {
        List<String> words = new ArrayList<>();
        words.add(spec.name());
        args.positionals().forEach(p -> words.add(quote(p)));
        Map<String, String> flags = new TreeMap<>(args.flags());
        flags.remove("region");
        if (!account.isEmpty()) {
            flags.put(CommandParser.ACCOUNT, account);
        }
        flags.forEach((name, value) -> {
            if (spec.switchFlags().contains(name)) {
                words.add("--" + name);
            } else if (value.startsWith("--")) {
                words.add(quote("--" + name + "=" + value));
            } else {
                words.add("--" + name);
                words.add(quote(value));
            }
        });
        if (spec.takesFlag("region")) {
            words.add("--region");
            words.add(quote(region));
        }
        return String.join(" ", words);
    }

    /** Quotes a word the tokenizer would otherwise split or unescape. */
    static String quote(String word) {
        if (!word.isEmpty() && word.chars().noneMatch(c -> Character.isWhitespace(c) || c == '"' || c == '\''
                || c == '\\' || c == '\u201C' || c == '\u201D' || c == '\u2018' || c == '\u2019')) {
            return word;
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : word.toCharArray()) {
            if (c == '"' || c == '\\' || c == '\u201C' || c == '\u201D') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }
}
