package dev.deckhand.slack;

import dev.deckhand.validate.UrlMask;
import dev.deckhand.chat.ChatPort;
import dev.deckhand.chat.Progress;
import dev.deckhand.chat.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Shows a slow command's progress as one channel message updated in place: the first step posts it,
 * later steps edit it, at most once per interval (Slack rate-limits {@code chat.update} to about one
 * a second). A step that arrives too soon is kept and shown by the next step or by {@link #finish}.
 * Progress is best effort: a failed post or update is logged and the command carries on.
 */
final class ThrottledProgress implements Progress {

    private static final Logger log = LoggerFactory.getLogger(ThrottledProgress.class);

    private final ChatPort chat;
    private final String channelId;
    private final String commandText;
    private final Duration interval;
    private final Clock clock;
    private ChatPort.MessageRef message;
    private Instant lastShown = Instant.MIN;
    private String pending;
    private boolean broken;

    ThrottledProgress(ChatPort chat, String channelId, String commandText, Duration interval, Clock clock) {
        this.chat = chat;
        this.channelId = channelId;
        this.commandText = UrlMask.inText(commandText);
        this.interval = interval;
        this.clock = clock;
    }

    @Override
    public synchronized void report(String step) {
        pending = step;
        Instant now = clock.instant();
        if (message == null || !now.isBefore(lastShown.plus(interval))) {
            show(Reply.ephemeral(":hourglass_flowing_sand: `" + commandText + "`: " + step), now);
        }
    }

    /** Replaces the progress message with the final word, if one was posted. */
    synchronized void finish(String summary) {
        if (message != null && !broken) {
            show(Reply.ephemeral(summary), clock.instant());
        }
    }

    synchronized boolean posted() {
        return message != null && !broken;
    }

    private void show(Reply reply, Instant now) {
        if (broken) {
            return;
        }
        try {
            if (message == null) {
                message = chat.post(channelId, reply);
            } else {
                chat.update(message, reply);
            }
            lastShown = now;
            pending = null;
        } catch (RuntimeException e) {
            broken = true;
            log.warn("Progress for '{}' in {} cannot be shown: {}", commandText, channelId, e.getMessage());
        }
    }

    /** The step not yet shown because it came too soon after the last update; for tests. */
    synchronized String pending() {
        return pending;
    }
}
