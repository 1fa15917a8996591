package dev.deckhand.chat;

import java.util.Objects;

/**
 * One command as a chat platform delivered it: who typed it, where, and the text after {@code /deckhand}.
 *
 * @param userId    the platform's user id (Slack {@code U...}, or a console identity)
 * @param channelId the channel the command came from; the channel's default region and role apply
 * @param text      the raw command text, e.g. {@code ec2 list --all-regions}
 * @param origin    how it arrived; a button click is re-checked exactly like typed text
 */
public record CommandRequest(String userId, String channelId, String text, Origin origin) {

    /** APPROVAL: Deckhand running a request someone approved, as the requester who asked for it. */
    public enum Origin { CONSOLE, SLASH_COMMAND, BUTTON, SCHEDULER, APPROVAL }

    public CommandRequest {
        // Everything Deckhand echoes of a request (replies, cards, audit, log, console) starts here: neutralised once.
        userId = Printable.neutralise(Objects.requireNonNull(userId, "userId"));
        channelId = Printable.neutralise(Objects.requireNonNull(channelId, "channelId"));
        text = text == null ? "" : Printable.neutralise(text.strip());
        Objects.requireNonNull(origin, "origin");
    }
}
