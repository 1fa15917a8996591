package dev.deckhand.chat;

import java.util.stream.Collectors;

/** Renders a {@link Reply} as terminal text: the console's view of what Slack shows as blocks. */
final class PlainTextRenderer {

    private PlainTextRenderer() {
    }

    static String render(Reply reply) {
        StringBuilder out = new StringBuilder();
        if (!reply.header().isEmpty()) {
            out.append("== ").append(reply.header()).append(" ==\n");
        }
        if (!reply.body().isEmpty()) {
            out.append(reply.body()).append('\n');
        }
        // As given: a script reading the console's output gets the document itself (only a final newline is
        // trimmed below, and printing adds it back).
        out.append(reply.verbatim());
        if (!reply.verbatim().isEmpty() && !reply.verbatim().endsWith("\n")) {
            out.append('\n');
        }
        int width = reply.fields().stream().mapToInt(f -> f.label().length()).max().orElse(0);
        for (Reply.Field field : reply.fields()) {
            out.append("  ").append(pad(field.label() + ":", width + 1)).append(' ').append(field.value()).append('\n');
        }
        for (String line : reply.context()) {
            out.append("  > ").append(line).append('\n');
        }
        if (!reply.buttons().isEmpty()) {
            out.append(reply.buttons().stream()
                    .map(b -> "[" + b.label() + ": " + b.command() + "]")
                    .collect(Collectors.joining(" ", "  ", "\n")));
        }
        return out.toString().stripTrailing();
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
