package dev.deckhand.approval;

import dev.deckhand.chat.ChatPort;
import dev.deckhand.chat.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a request's card and thread in step with its state. A chat failure here is logged and
 * swallowed: the store already holds the truth, and a card that could not be updated must not undo
 * or repeat an action.
 */
final class ApprovalNotices {

    private static final Logger log = LoggerFactory.getLogger(ApprovalNotices.class);

    private final ChatPort chat;
    private final ApprovalSettings settings;

    ApprovalNotices(ChatPort chat, ApprovalSettings settings) {
        this.chat = chat;
        this.settings = settings;
    }

    /** Redraws the open card (e.g. with one more approval counted). */
    void refreshOpen(ApprovalRequest r) {
        r.card().ifPresent(card -> safely(r, () -> chat.update(card, ApprovalCards.open(r, settings))));
    }

    /** Replaces the card with its closed form: no buttons, who decided when, and the outcome. */
    void close(ApprovalRequest r, String header, String status) {
        r.card().ifPresent(card -> safely(r, () -> chat.update(card, ApprovalCards.closed(r, settings, header, status))));
    }

    /** Posts under the card, or in the asker's channel when no card could be posted. */
    void inThread(ApprovalRequest r, Reply reply) {
        safely(r, () -> {
            if (r.card().isPresent()) {
                chat.postInThread(r.card().get(), reply);
            } else {
                chat.post(r.channelId(), reply);
            }
        });
    }

    /** Progress of an approved run, posted as steps under its card (as a direct run shows them to the asker). */
    dev.deckhand.chat.Progress threadProgress(ApprovalRequest r) {
        return step -> inThread(r, Reply.inChannel(step));
    }

    /**
     * Tells the requester how their request ended, in the channel they asked from, when the card lives
     * in another channel (approvals.channel) they may not be watching.
     */
    void tellRequester(ApprovalRequest r, String text) {
        if (r.card().map(card -> !card.channelId().equals(r.channelId())).orElse(false)) {
            safely(r, () -> chat.post(r.channelId(), Reply.inChannel(r.requester() + ": " + text)));
        }
    }

    private static void safely(ApprovalRequest r, Runnable post) {
        try {
            post.run();
        } catch (RuntimeException e) {
            log.warn("Could not update the chat for approval request {} (state {})", r.id(), r.state(), e);
        }
    }
}
