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
 * Shows a slow command's progress as one message updated in place: the first step shows it, later
 * steps replace it, at most once per interval (Slack rate-limits updates to about one a second) and at
 * most {@code maxShows} times (a response_url takes five posts; the result needs one). A step that
 * arrives too soon is kept and shown by the next step or by {@link #finish}. Where it shows is the
 * {@link Outlet}'s business: the asker's response_url (private) for a command, a channel message for
 * work the channel should see. Progress is best effort: a failure is logged and the command carries on.
 */
final class ThrottledProgress implements Progress {

    /** Where progress shows; {@code first} is true for the first show, later ones replace it. */
    @FunctionalInterface
    interface Outlet {
        void show(Reply reply, boolean first);
    }

    private static final Logger log = LoggerFactory.getLogger(ThrottledProgress.class);

    private final Outlet outlet;
    private final String where;
    private final String commandText;
    private final Duration interval;
    private final Clock clock;
    private final int maxShows;
    private int shows;
    private Instant lastShown = Instant.MIN;
    private String pending;
    private boolean broken;

    /** Progress as a channel message: posted once, then updated with {@code chat.update}. */
    ThrottledProgress(ChatPort chat, String channelId, String commandText, Duration interval, Clock clock) {
        this(new ChannelOutlet(chat, channelId), channelId, commandText, interval, clock, Integer.MAX_VALUE);
    }

    ThrottledProgress(Outlet outlet, String where, String commandText, Duration interval, Clock clock, int maxShows) {
        this.outlet = outlet;
        this.where = where;
        this.commandText = UrlMask.inText(commandText);
        this.interval = interval;
        this.clock = clock;
        this.maxShows = maxShows;
    }

    /** Posts the first show to the channel and edits that message afterwards. */
    private static final class ChannelOutlet implements Outlet {
        private final ChatPort chat;
        private final String channelId;
        private ChatPort.MessageRef message;

        ChannelOutlet(ChatPort chat, String channelId) {
            this.chat = chat;
            this.channelId = channelId;
        }

        @Override
        public void show(Reply reply, boolean first) {
            if (message == null) {
                message = chat.post(channelId, reply);
            } else {
                chat.update(message, reply);
            }
        }
    }

    @Override
    public synchronized void report(String step) {
        pending = step;
        Instant now = clock.instant();
        if (shows == 0 || !now.isBefore(lastShown.plus(interval))) {
            show(Reply.ephemeral(":hourglass_flowing_sand: `" + commandText + "`: " + step), now);
        }
    }

    /** Replaces the progress message with the final word, if one was posted. */
    synchronized void finish(String summary) {
        if (shows > 0 && !broken) {
            show(Reply.ephemeral(summary), clock.instant());
        }
    }

    synchronized boolean posted() {
        return shows > 0 && !broken;
    }

    private void show(Reply reply, Instant now) {
        if (broken || shows >= maxShows) {
            return;
        }
        try {
            outlet.show(reply, shows == 0);
            shows++;
            lastShown = now;
            pending = null;
        } catch (RuntimeException e) {
            broken = true;
            log.warn("Progress for '{}' in {} cannot be shown: {}", commandText, where, e.getMessage());
        }
    }

    /** The step not yet shown because it came too soon after the last update; for tests. */
    synchronized String pending() {
        return pending;
    }
}
