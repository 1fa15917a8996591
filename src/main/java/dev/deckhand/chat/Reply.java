package dev.deckhand.chat;

import dev.deckhand.validate.UrlMask;

import java.util.ArrayList;
import java.util.List;

/**
 * A platform-neutral answer. Adapters render it: the console as plain text, Slack as Block Kit
 * (header, section text, fields, context lines, an actions block).
 *
 * @param visibility who sees it: only the asker, or the whole channel
 * @param header     a short title, may be empty
 * @param body       the main text (lines joined by newlines); may use {@code `code`} and {@code *bold*}
 * @param fields     key facts shown as a grid (id, type, state, IP, region, cost/month)
 * @param context    small hint lines under the body
 * @param buttons    next steps; each button carries a command that is re-parsed and re-checked
 * @param verbatim   text shown exactly as given, fixed-width, after the body (a JSON document a script
 *                   copies): adapters never rewrite it (no mention links, no markdown) and never cut it (a
 *                   chat adapter splits it over several blocks or messages whose texts concatenate back to
 *                   it); may be empty
 */
public record Reply(Visibility visibility, String header, String body, List<Field> fields,
                    List<String> context, List<Button> buttons, String verbatim) {

    public enum Visibility { EPHEMERAL, IN_CHANNEL }

    public record Field(String label, String value) { }

    /**
     * Every text a reader sees has its URLs' query strings masked ({@link UrlMask}): whatever a handler, a
     * card or an error message puts in, a pre-signed URL's signature never reaches a channel, a card or a
     * log of a reply. Buttons carry commands to run again and are left as they are.
     */
    public Reply {
        header = header == null ? "" : UrlMask.inText(header);
        body = body == null ? "" : UrlMask.inText(body);
        fields = fields.stream().map(f -> new Field(UrlMask.inText(f.label()), UrlMask.inText(f.value()))).toList();
        context = context.stream().map(UrlMask::inText).toList();
        buttons = List.copyOf(buttons);
        verbatim = verbatim == null ? "" : UrlMask.inText(verbatim);
    }

    /** A reply only the asker sees: help, usage errors, denials, read-only answers. */
    public static Reply ephemeral(String body) {
        return builder().body(body).build();
    }

    /** A reply for the whole channel: the result of a change the team should know about. */
    public static Reply inChannel(String body) {
        return builder().inChannel().body(body).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder().header(header).body(body);
        b.visibility = visibility;
        b.fields.addAll(fields);
        b.context.addAll(context);
        b.buttons.addAll(buttons);
        b.verbatim = verbatim;
        return b;
    }

    public boolean isInChannel() {
        return visibility == Visibility.IN_CHANNEL;
    }

    /** Everything a reader would see, as plain text; used by the console and in logs. */
    public String plainText() {
        return PlainTextRenderer.render(this);
    }

    public static final class Builder {
        private Visibility visibility = Visibility.EPHEMERAL;
        private String header = "";
        private final StringBuilder body = new StringBuilder();
        private final List<Field> fields = new ArrayList<>();
        private final List<String> context = new ArrayList<>();
        private final List<Button> buttons = new ArrayList<>();
        private String verbatim = "";

        public Builder inChannel() {
            this.visibility = Visibility.IN_CHANNEL;
            return this;
        }

        public Builder header(String header) {
            this.header = header;
            return this;
        }

        public Builder body(String text) {
            body.setLength(0);
            body.append(text == null ? "" : text);
            return this;
        }

        public Builder line(String line) {
            if (body.length() > 0) {
                body.append('\n');
            }
            body.append(line);
            return this;
        }

        public Builder field(String label, String value) {
            fields.add(new Field(label, value == null || value.isEmpty() ? "-" : value));
            return this;
        }

        public Builder context(String line) {
            context.add(line);
            return this;
        }

        public Builder button(Button button) {
            buttons.add(button);
            return this;
        }

        /** Text shown exactly as given (see {@link Reply#verbatim}), e.g. a JSON document. */
        public Builder verbatim(String text) {
            this.verbatim = text == null ? "" : text;
            return this;
        }

        public Reply build() {
            return new Reply(visibility, header, body.toString(), fields, context, buttons, verbatim);
        }
    }
}
