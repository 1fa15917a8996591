package dev.deckhand.costwatch;

import dev.deckhand.chat.ChatPort;
import dev.deckhand.chat.Progress;
import dev.deckhand.chat.Reply;
import dev.deckhand.command.UserFacingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The scheduled reminder: scans every region, posts a summary to the cost channel with one card per
 * finding in its thread (grouped by owner), sends each owner a direct message with their own, and
 * records what was shown so nothing repeats within a day.
 */
public final class Digest {

    private static final Logger log = LoggerFactory.getLogger(Digest.class);

    private final ScanService scans;
    private final ReminderStore reminders;
    private final ChatPort chat;
    private final String channel;
    private final int escalateAfter;
    private final String priceDate;
    private final Clock clock;

    public Digest(ScanService scans, ReminderStore reminders, ChatPort chat, String channel, int escalateAfter,
                  String priceDate, Clock clock) {
        this.scans = scans;
        this.reminders = reminders;
        this.chat = chat;
        this.channel = channel;
        this.escalateAfter = escalateAfter;
        this.priceDate = priceDate;
        this.clock = clock;
    }

    /** What else goes into the summary's thread (the weekly trend chart); it must not throw. */
    private volatile java.util.function.Consumer<ChatPort.MessageRef> afterSummary = ref -> { };

    public void afterSummary(java.util.function.Consumer<ChatPort.MessageRef> hook) {
        this.afterSummary = hook;
    }

    /** Scans afresh and posts; returns the plan (empty when there was nothing to say). */
    /** Where the digest goes; empty when nowhere is configured. */
    public String channel() {
        return channel;
    }

    public DigestPlan run() {
        if (channel.isBlank()) {
            log.warn("Cost digest skipped: costwatch.channel is empty. Set it to the channel id the digest goes to.");
            return new DigestPlan(List.of(), List.of(), 0, 0, 0, 0);
        }
        ScanResult scan;
        try {
            scan = scans.scan(List.of(), true, Progress.NONE);
        } catch (UserFacingException e) {
            // Not even the region list could be read (credentials, network): say so where the digest goes.
            chat.post(channel, Reply.builder().inChannel().header("Cost watch could not scan").body(e.getMessage()).build());
            return new DigestPlan(List.of(), List.of(), 0, 0, 0, 0);
        }
        Instant now = clock.instant();
        DigestPlan plan = DigestPlan.of(scan.leaks(), scan.states(), now, escalateAfter);
        plan.keepsEnded().forEach(reminders::endKeep);
        if (plan.items().isEmpty() && scan.complete()) {
            log.info("Cost digest: nothing new to remind ({} findings, {} kept, {} snoozed, {} recent)",
                    scan.leaks().size(), plan.kept(), plan.snoozed(), plan.recent());
            return plan;
        }
        ChatPort.MessageRef summary = chat.post(channel, LeakCards.summary(scan, plan, priceDate));
        afterSummary.accept(summary);
        for (DigestPlan.Item item : plan.items()) {
            chat.postInThread(summary, LeakCards.card(item));
            reminders.reminded(item.leak().key(), now);
        }
        LeakCards.byOwner(plan.items()).forEach((owner, items) -> {
            if (LeakCards.isChatUser(owner)) {
                chat.directMessage(owner, LeakCards.directMessage(items));
            }
        });
        return plan;
    }
}
