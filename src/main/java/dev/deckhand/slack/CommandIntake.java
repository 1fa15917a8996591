package dev.deckhand.slack;

import com.google.gson.Gson;
import com.slack.api.Slack;
import com.slack.api.util.json.GsonFactory;
import dev.deckhand.chat.DeliveryGuard;
import dev.deckhand.chat.Reply;

/**
 * What both Slack entry points (a typed {@code /deckhand} command and a button click) need to take a
 * command in: the cheap-or-deferred {@link Triage}, the bounded {@link CommandRunner}, the duplicate
 * {@link DeliveryGuard} (in memory, or the store's with replicas), the Slack client that answers on a
 * response_url (with the JSON writer for its posts, built once), and the slash command's name for asker lines.
 * One object so the two listeners cannot drift apart in what they are wired with.
 */
record CommandIntake(Triage triage, CommandRunner runner, DeliveryGuard deliveries, Slack slack, Gson json,
                     String slashCommand) {

    CommandIntake(Triage triage, CommandRunner runner, DeliveryGuard deliveries, Slack slack, String slashCommand) {
        this(triage, runner, deliveries, slack, GsonFactory.createSnakeCase(slack.getConfig()), slashCommand);
    }

    /** The answer when the runner's queue is full; the delivery is forgotten so a retry can run. */
    static Reply busy() {
        return Reply.ephemeral("Deckhand is busy with other commands right now; nothing was run. "
                + "Try again in a minute.");
    }

    /** Where a deferred answer for this delivery goes. */
    ResponseUrl responseUrl(String url) {
        return new ResponseUrl(slack, json, url);
    }
}
