package dev.deckhand.slack;

import com.google.gson.Gson;
import com.slack.api.Slack;
import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.webhook.WebhookResponse;
import dev.deckhand.chat.CommandRequest;
import dev.deckhand.chat.Reply;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Answers one command through its {@code response_url} (Slack accepts up to five posts within 30
 * minutes): ephemeral unless the reply is for the channel, in which case the asker is named under it.
 * A 5xx, a 429 or a network error is retried with doubling waits (Slack's side hiccups; the answer must
 * not be lost); a 404 or any other 4xx means the URL is gone (expired or used up) and is not retried, so
 * the caller can fall back to the Web API.
 *
 * <p>The body is turned into JSON here with one shared {@link Gson} and posted as a string: Bolt's
 * {@code Responder} builds a new Gson for every post (the SDK's {@code postJsonBody} calls
 * {@code GsonFactory.createSnakeCase} each time), and re-reflecting over the Block Kit classes was a third
 * of a worker's CPU per command in {@code bench/slack-ack.sh}. The JSON is the same: same factory, same config.
 */
final class ResponseUrl {

    /** How a post ended. */
    sealed interface Outcome {
        /** Slack took it, after {@code attempts} tries. */
        record Delivered(int attempts) implements Outcome { }

        /** Slack answered 4xx (404: expired or used up); retrying cannot help. */
        record Gone(int status) implements Outcome { }

        /** 5xx, 429 or the network, on every try. */
        record Failed(String reason, int attempts) implements Outcome { }

        default boolean delivered() {
            return this instanceof Delivered;
        }
    }

    /** Waits between tries; tests pass one that does not sleep. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    static final int ATTEMPTS = 4;
    static final Duration FIRST_WAIT = Duration.ofMillis(250);

    private final Slack slack;
    private final Gson json;
    private final String url;
    private final Sleeper sleeper;

    /** @param json Slack's snake-case Gson for {@code slack}'s config, made once per adapter ({@link CommandIntake}) */
    ResponseUrl(Slack slack, Gson json, String url) {
        this(slack, json, url, d -> Thread.sleep(d.toMillis()));
    }

    ResponseUrl(Slack slack, Gson json, String url, Sleeper sleeper) {
        this.slack = slack;
        this.json = json;
        this.url = url;
        this.sleeper = sleeper;
    }

    /** Posts {@code reply} as a new message (ephemeral unless it is for the channel). */
    Outcome send(Reply reply, CommandRequest asker, String slashCommand) {
        return post(ActionResponse.builder()
                .responseType(reply.isInChannel() ? "in_channel" : "ephemeral")
                .replaceOriginal(false)
                .text(BlockKitRenderer.fallbackText(reply))
                .blocks(BlockKitRenderer.render(reply, askerLine(reply, asker, slashCommand)))
                .build());
    }

    /**
     * Shows a private progress line to the asker alone. For a typed command it replaces the previous one
     * (the acknowledgement, then each step); for a click it must not: the "original" there is the message
     * holding the button, which everyone sees.
     */
    Outcome progress(Reply reply, CommandRequest asker) {
        return post(ActionResponse.builder()
                .responseType("ephemeral")
                .replaceOriginal(asker.origin() == CommandRequest.Origin.SLASH_COMMAND)
                .text(BlockKitRenderer.fallbackText(reply))
                .blocks(BlockKitRenderer.render(reply))
                .build());
    }

    private Outcome post(ActionResponse body) {
        Duration wait = FIRST_WAIT;
        String reason = "";
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                WebhookResponse response = slack.send(url, json.toJson(body));
                int code = response.getCode() == null ? 0 : response.getCode();
                if (code == 200) {
                    return new Outcome.Delivered(attempt);
                }
                if (code >= 400 && code < 500 && code != 429) {
                    return new Outcome.Gone(code);
                }
                reason = "HTTP " + code;
            } catch (IOException e) {
                reason = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
            if (attempt < ATTEMPTS) {
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new Outcome.Failed(reason + " (interrupted)", attempt);
                }
                wait = wait.multipliedBy(2);
            }
        }
        return new Outcome.Failed(reason, ATTEMPTS);
    }

    /** In the channel everyone sees the result, so it says who asked for it and what was typed. */
    static List<String> askerLine(Reply reply, CommandRequest asker, String slashCommand) {
        if (!reply.isInChannel()) {
            return List.of();
        }
        return List.of(askerText(asker, "<@" + asker.userId() + ">", slashCommand, BlockKitRenderer.escape(asker.text())));
    }

    /** The same line as plain text (it is escaped when rendered), for messages posted without response_url. */
    static String askerPlain(CommandRequest asker, String slashCommand) {
        return askerText(asker, asker.userId(), slashCommand, asker.text());
    }

    private static String askerText(CommandRequest asker, String who, String slashCommand, String text) {
        String how = asker.origin() == CommandRequest.Origin.BUTTON ? "Clicked by " : "Asked by ";
        return how + who + ": `" + slashCommand + " " + text + "`";
    }
}
