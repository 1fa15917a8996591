package dev.deckhand.slack;

import com.slack.api.model.block.InputBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.element.PlainTextInputElement;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewClose;
import com.slack.api.model.view.ViewState;
import com.slack.api.model.view.ViewSubmit;
import com.slack.api.model.view.ViewTitle;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dialog a card's Deny button opens to ask for the reason. The approval id and the card's channel
 * travel in the view's {@code private_metadata} (set by Deckhand, returned by Slack in the signed
 * submission); the submission becomes the typed command {@code deny <id> <reason>}, so who may deny is
 * decided by exactly the same rules as when it is typed.
 */
final class DenyReasonModal {

    static final String CALLBACK_ID = "deckhand:deny-reason";
    static final String BLOCK_ID = "reason";
    static final String ACTION_ID = "reason";
    /** {@code deny <id> [reason]} takes at most 60 words, the id included. */
    static final int MAX_WORDS = 59;
    static final int MAX_LENGTH = 500;

    /** A Deny button's value: {@code deny <id>} and nothing more (a value with a reason runs as it is). */
    private static final Pattern DENY_BUTTON = Pattern.compile("deny\\s+([A-Za-z0-9]{1,40})\\s*");

    /** What the dialog carries back: the request to deny and the channel whose card was clicked. */
    record Metadata(String approvalId, String channelId) {
        String encode() {
            return approvalId + " " + channelId;
        }

        static Optional<Metadata> decode(String text) {
            String[] parts = text == null ? new String[0] : text.strip().split(" ");
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                return Optional.empty();
            }
            return Optional.of(new Metadata(parts[0], parts[1]));
        }
    }

    private DenyReasonModal() {
    }

    /** The approval id when {@code buttonValue} is a bare {@code deny <id>}; such a click asks for the reason first. */
    static Optional<String> approvalIdOf(String buttonValue) {
        Matcher m = DENY_BUTTON.matcher(buttonValue == null ? "" : buttonValue.strip());
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    static View view(Metadata metadata) {
        return View.builder()
                .type("modal")
                .callbackId(CALLBACK_ID)
                .privateMetadata(metadata.encode())
                .title(ViewTitle.builder().type("plain_text").text("Deny request").build())
                .submit(ViewSubmit.builder().type("plain_text").text("Deny").build())
                .close(ViewClose.builder().type("plain_text").text("Cancel").build())
                .blocks(List.of(
                        SectionBlock.builder().text(MarkdownTextObject.builder()
                                .text("Deny request `" + BlockKitRenderer.escape(metadata.approvalId())
                                        + "`? Nothing will run. The reason is shown on the card and told to the requester.")
                                .build()).build(),
                        InputBlock.builder().blockId(BLOCK_ID)
                                .label(PlainTextObject.builder().text("Reason").build())
                                .element(PlainTextInputElement.builder().actionId(ACTION_ID).maxLength(MAX_LENGTH)
                                        .placeholder(PlainTextObject.builder().text("e.g. use t3.small instead").build())
                                        .build())
                                .build()))
                .build();
    }

    /** The reason typed in the dialog, whitespace collapsed (it becomes words of a command); empty if none. */
    static String reason(View submitted) {
        ViewState state = submitted == null ? null : submitted.getState();
        Map<String, ViewState.Value> block = state == null || state.getValues() == null ? null
                : state.getValues().get(BLOCK_ID);
        ViewState.Value value = block == null ? null : block.get(ACTION_ID);
        String text = value == null || value.getValue() == null ? "" : value.getValue();
        return text.strip().replaceAll("\\s+", " ");
    }

    /** Why a reason cannot be taken, shown under the field; empty when it can. */
    static Optional<String> problem(String reason) {
        if (reason.isEmpty()) {
            return Optional.of("Say why the request is denied; the requester sees it.");
        }
        if (reason.split(" ").length > MAX_WORDS) {
            return Optional.of("At most " + MAX_WORDS + " words, please.");
        }
        return Optional.empty();
    }

    /**
     * The typed command the submission stands for. Quotes and backslashes in the reason are escaped, so
     * the command parser keeps them as written instead of reading them as quoting.
     */
    static String command(String approvalId, String reason) {
        StringBuilder escaped = new StringBuilder();
        for (char c : reason.toCharArray()) {
            if (c == '\\' || c == '"' || c == '\'' || c == '\u201C' || c == '\u201D' || c == '\u2018' || c == '\u2019') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return "deny " + approvalId + " " + escaped;
    }
}
