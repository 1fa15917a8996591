package dev.deckhand.command;

import dev.deckhand.validate.UsageException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits command text into words the way a shell user expects: whitespace separates, single or
 * double quotes group ({@code "my app"}), a backslash escapes the next character. Slack's "smart"
 * quotes are treated as plain quotes because phones insert them.
 */
public final class Tokenizer {

    private Tokenizer() {
    }

    public static List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inToken = false;
        char quote = 0;
        String normalized = text.replace('\u201C', '"').replace('\u201D', '"')
                .replace('\u2018', '\'').replace('\u2019', '\'');
        for (int i = 0; i < normalized.length(); i++) {
            char c = normalized.charAt(i);
            if (c == '\\' && i + 1 < normalized.length()) {
                current.append(normalized.charAt(++i));
                inToken = true;
            } else if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    current.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inToken = true;
            } else if (Character.isWhitespace(c)) {
                if (inToken) {
                    tokens.add(current.toString());
                    current.setLength(0);
                    inToken = false;
                }
            } else {
                current.append(c);
                inToken = true;
            }
        }
        if (quote != 0) {
            throw new UsageException("A quote (" + quote + ") is not closed.",
                    "Close the quote, e.g. `ec2 launch \"my app\"`.");
        }
        if (inToken) {
            tokens.add(current.toString());
        }
        return tokens;
    }
}
