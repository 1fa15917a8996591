package dev.deckhand.slack;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.ContextBlockElement;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.RichTextBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.ConfirmationDialogObject;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import com.slack.api.model.block.element.RichTextPreformattedElement;
import com.slack.api.model.block.element.RichTextSectionElement;
import dev.deckhand.chat.Button;
import dev.deckhand.chat.Reply;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders a platform-neutral {@link Reply} as Block Kit: a header block, the body as section text,
 * fields as section fields (Slack allows ten per section), context lines, and an actions block whose
 * buttons carry their command text as {@code value} (action id {@code deckhand:<n>}). Danger buttons
 * get a confirm dialog (except a bare Deny, whose reason dialog asks anyway). Text from replies is escaped ({@code & < >}) so that it cannot ping
 * {@code <!channel>} or forge links; only the adapter's own mentions are written raw.
 *
 * <p>A reply's verbatim text goes in rich-text preformatted blocks: their text is plain (Slack parses no
 * mrkdwn, mentions or links in it, so nothing needs escaping), and it is sent exactly as given. A text
 * longer than one message holds is split by {@link #parts} into several replies, one message each, whose
 * verbatim texts concatenate back to the original.
 */
final class BlockKitRenderer {

    static final String ACTION_PREFIX = "deckhand:";

    // Block Kit limits (https://api.slack.com/reference/block-kit/blocks).
    private static final int HEADER_MAX = 150;
    private static final int SECTION_TEXT_MAX = 3000;
    private static final int FIELDS_PER_SECTION = 10;
    private static final int FIELD_MAX = 2000;
    private static final int CONTEXT_ELEMENTS_MAX = 10;
    private static final int BUTTONS_MAX = 25;
    private static final int BUTTON_TEXT_MAX = 75;
    private static final int BUTTON_VALUE_MAX = 2000;
    private static final int BLOCKS_MAX = 50;
    /** Verbatim characters in one rich-text block (as in a section: Slack documents no limit of its own). */
    static final int VERBATIM_BLOCK_MAX = 3000;
    /**
     * Verbatim characters in one message. Slack refuses a message whose blocks hold about 13,000 characters
     * in all ({@code msg_blocks_too_long}, below every documented limit); this leaves room for a header, context
     * lines and the JSON escaping of quotes on the way.
     */
    static final int VERBATIM_MESSAGE_MAX = 9000;
    private static final String FENCE = "```";
    /** Buttons that act for real whatever their colour: one stray click must not approve or delete. */
    private static final java.util.Set<String> CONFIRMED_LABELS = java.util.Set.of("approve", "clean up", "terminate");
    static final java.util.regex.Pattern USER_ID =
            java.util.regex.Pattern.compile("(?<![<@\\w])([UW](?=[A-Z0-9]{0,10}[0-9])[A-Z0-9]{8,11})(?![\\w>])");

    private BlockKitRenderer() {
    }

    static List<LayoutBlock> render(Reply reply) {
        return render(reply, List.of());
    }

    /** @param rawContext extra context lines written as given (already valid mrkdwn, e.g. a mention) */
    static List<LayoutBlock> render(Reply reply, List<String> rawContext) {
        List<LayoutBlock> blocks = new ArrayList<>();
        if (!reply.header().isBlank()) {
            blocks.add(HeaderBlock.builder().text(plain(reply.header(), HEADER_MAX)).build());
        }
        for (String chunk : chunks(mentions(escape(reply.body())), SECTION_TEXT_MAX)) {
            blocks.add(SectionBlock.builder().text(mrkdwn(chunk)).build());
        }
        for (String piece : pieces(reply.verbatim(), VERBATIM_BLOCK_MAX)) {
            blocks.add(preformatted(piece));
        }
        List<Reply.Field> fields = reply.fields();
        for (int i = 0; i < fields.size(); i += FIELDS_PER_SECTION) {
            List<TextObject> texts = new ArrayList<>();
            for (Reply.Field f : fields.subList(i, Math.min(fields.size(), i + FIELDS_PER_SECTION))) {
                texts.add(mrkdwn(truncate("*" + escape(f.label()) + "*\n" + mentions(escape(f.value())), FIELD_MAX)));
            }
            blocks.add(SectionBlock.builder().fields(texts).build());
        }
        List<ContextBlockElement> context = new ArrayList<>();
        reply.context().forEach(line -> context.add(mrkdwn(truncate(mentions(escape(line)), SECTION_TEXT_MAX))));
        rawContext.forEach(line -> context.add(mrkdwn(line)));
        for (int i = 0; i < context.size(); i += CONTEXT_ELEMENTS_MAX) {
            blocks.add(ContextBlock.builder()
                    .elements(List.copyOf(context.subList(i, Math.min(context.size(), i + CONTEXT_ELEMENTS_MAX))))
                    .build());
        }
        List<BlockElement> buttons = new ArrayList<>();
        for (Button b : reply.buttons()) {
            if (buttons.size() == BUTTONS_MAX || b.command().length() > BUTTON_VALUE_MAX) {
                continue; // a button Slack would reject must not cost the whole message
            }
            buttons.add(button(b, ACTION_PREFIX + buttons.size()));
        }
        if (!buttons.isEmpty()) {
            blocks.add(ActionsBlock.builder().blockId("deckhand-actions").elements(buttons).build());
        }
        if (blocks.isEmpty()) {
            blocks.add(SectionBlock.builder().text(mrkdwn("(no output)")).build());
        }
        return blocks.size() > BLOCKS_MAX ? List.copyOf(blocks.subList(0, BLOCKS_MAX)) : blocks;
    }

    /**
     * The reply as one or more replies that each fit one message: itself, unless its verbatim text is longer
     * than a message holds. Then the first part has the header and body, the last the fields, context and
     * buttons, every part a piece of the verbatim text (cut after a line where it can be) and a "part i of n"
     * line; the pieces concatenate back to the whole text. Post them in order.
     */
    static List<Reply> parts(Reply reply) {
        int frame = reply.header().length() + reply.body().length();
        // Without verbatim text a reply stays one message, as before (a body past 50 sections is cut in render).
        if (reply.verbatim().isEmpty() || reply.verbatim().length() + frame <= VERBATIM_MESSAGE_MAX) {
            return List.of(reply);
        }
        // Whole blocks per message, so rendering a part cuts its text where the pieces were cut.
        List<String> pieces = pieces(reply.verbatim(), VERBATIM_BLOCK_MAX);
        List<StringBuilder> texts = new ArrayList<>(List.of(new StringBuilder()));
        int room = VERBATIM_MESSAGE_MAX - frame; // the first message holds the header and body too (and may hold no piece)
        for (String piece : pieces) {
            if (piece.length() > room) {
                texts.add(new StringBuilder());
                room = VERBATIM_MESSAGE_MAX;
            }
            texts.get(texts.size() - 1).append(piece);
            room -= piece.length();
        }
        List<Reply> parts = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            Reply.Builder part = Reply.builder().verbatim(texts.get(i).toString());
            if (reply.isInChannel()) {
                part.inChannel();
            }
            if (i == 0) {
                part.header(reply.header()).body(reply.body());
            }
            if (i == texts.size() - 1) {
                reply.fields().forEach(f -> part.field(f.label(), f.value()));
                reply.context().forEach(part::context);
                reply.buttons().forEach(part::button);
            }
            parts.add(part.context("Part " + (i + 1) + " of " + texts.size()).build());
        }
        return parts;
    }

    /**
     * Cuts {@code text} into pieces of at most {@code max} characters that concatenate back to it: after the
     * last line break that fits, else (a line longer than {@code max}) at {@code max}, never inside a
     * surrogate pair.
     */
    static List<String> pieces(String text, int max) {
        List<String> out = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(text.length(), start + max);
            if (end < text.length()) {
                int nl = text.lastIndexOf('\n', end - 1);
                if (nl >= start) {
                    end = nl + 1;
                } else if (Character.isHighSurrogate(text.charAt(end - 1))) {
                    end--;
                }
            }
            out.add(text.substring(start, end));
            start = end;
        }
        return out;
    }

    /** A rich-text preformatted block: plain text, shown and sent exactly as given. */
    private static RichTextBlock preformatted(String text) {
        RichTextSectionElement.Text plain = RichTextSectionElement.Text.builder().text(text).build();
        return RichTextBlock.builder()
                .elements(List.of(RichTextPreformattedElement.builder().elements(List.of(plain)).build()))
                .build();
    }

    /** The notification / screen-reader text that goes with the blocks. */
    static String fallbackText(Reply reply) {
        String text = !reply.header().isBlank() ? reply.header()
                : !reply.body().isBlank() || reply.verbatim().isEmpty() ? reply.body() : reply.verbatim();
        int nl = text.indexOf('\n');
        return truncate(escape(nl < 0 ? text : text.substring(0, nl)), SECTION_TEXT_MAX);
    }

    private static ButtonElement button(Button b, String actionId) {
        ButtonElement.ButtonElementBuilder button = ButtonElement.builder()
                .actionId(actionId)
                .text(plain(b.label(), BUTTON_TEXT_MAX))
                .value(b.command());
        switch (b.style()) {
            case PRIMARY -> button.style("primary");
            case DANGER -> button.style("danger");
            case DEFAULT -> { }
        }
        // A bare "deny <id>" opens the dialog for the reason, which is its confirmation (it has Cancel).
        boolean asksAnyway = DenyReasonModal.approvalIdOf(b.command()).isPresent();
        if (!asksAnyway && (b.style() == Button.Style.DANGER || CONFIRMED_LABELS.contains(b.label().strip().toLowerCase(java.util.Locale.ROOT)))) {
            ConfirmationDialogObject.ConfirmationDialogObjectBuilder confirm = ConfirmationDialogObject.builder()
                    .title(plain("Are you sure?", 100))
                    .text(mrkdwn(truncate("This runs `" + escape(b.command()) + "` as you.", 300)))
                    .confirm(plain(b.label(), 30))
                    .deny(plain("Cancel", 30));
            button.confirm((b.style() == Button.Style.DANGER ? confirm.style("danger") : confirm.style("primary")).build());
        }
        return button.build();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static PlainTextObject plain(String text, int max) {
        return PlainTextObject.builder().text(truncate(text, max)).emoji(true).build();
    }

    private static MarkdownTextObject mrkdwn(String text) {
        return MarkdownTextObject.builder().text(text).build();
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /**
     * Splits long text at line breaks where possible, so no section exceeds Slack's limit. A cut inside a
     * code block (an odd number of fences so far) closes the fence at the end of that section and opens
     * it again at the start of the next, so a long table stays a table in every section.
     */
    static List<String> chunks(String text, int max) {
        List<String> out = new ArrayList<>();
        String rest = text.strip();
        boolean open = false;
        while (!rest.isEmpty()) {
            String prefix = open ? FENCE + "\n" : "";
            String piece;
            if (prefix.length() + rest.length() <= max) {
                piece = rest;
                rest = "";
            } else {
                int room = max - prefix.length() - FENCE.length() - 1; // leaves space to close a fence
                int cut = rest.lastIndexOf('\n', room);
                if (cut <= 0) {
                    cut = room;
                }
                piece = rest.substring(0, cut);
                rest = rest.substring(cut);
                if (rest.startsWith("\n")) {
                    rest = rest.substring(1);
                }
            }
            String chunk = prefix + piece;
            boolean inside = fences(chunk) % 2 == 1;
            open = inside && !rest.isBlank();
            out.add(open ? chunk + "\n" + FENCE : chunk);
        }
        return out;
    }

    private static int fences(String text) {
        int count = 0;
        for (int at = text.indexOf(FENCE); at >= 0; at = text.indexOf(FENCE, at + FENCE.length())) {
            count++;
        }
        return count;
    }

    /**
     * Slack user ids (U or W, then 8 to 11 capitals and digits, at least one digit) become mentions, so
     * the requester, owner or approver named in a reply is notified and shown by name.
     */
    static String mentions(String escaped) {
        // The pattern's look-behind runs at every character; most replies (help, tables) hold no user id at
        // all, and a plain scan for one costs a fraction of that on the ack path.
        return mayHoldUserId(escaped) ? USER_ID.matcher(escaped).replaceAll("<@$1>") : escaped;
    }

    /** True when somewhere a U or W is followed by eight capitals or digits: every user id looks so. */
    static boolean mayHoldUserId(String text) {
        int run = -1; // length of the [A-Z0-9] run after the last U or W, or -1 outside one
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean idChar = c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
            if (run >= 0 && idChar && ++run >= 8) {
                return true;
            }
            if (!idChar) {
                run = -1;
            }
            if (c == 'U' || c == 'W') {
                run = run < 0 ? 0 : run;
            }
        }
        return false;
    }
}
