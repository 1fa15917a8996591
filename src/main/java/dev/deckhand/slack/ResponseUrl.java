package dev.deckhand.slack;

import com.slack.api.Slack;
import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.bolt.util.Responder;
import com.slack.api.webhook.WebhookResponse;
import dev.deckhand.chat.CommandRequest;
import dev.deckhand.chat.Reply;

import java.io.IOException;
import java.util.List;

/**
 * Answers one command through its {@code response_url} (Slack accepts up to five posts within 30
 * minutes): ephemeral unless the reply is for the channel, in which case the asker is named under it.
 */
final class ResponseUrl {

    private final Responder responder;

    ResponseUrl(Slack slack, String url) {
        this.responder = new Responder(slack, url);
    }

    /** @return false when Slack did not take it (expired URL, network), so the caller can fall back */
    boolean send(Reply reply, CommandRequest asker, String slashCommand) {
        ActionResponse body = ActionResponse.builder()
                .responseType(reply.isInChannel() ? "in_channel" : "ephemeral")
                .replaceOriginal(false)
                .text(BlockKitRenderer.fallbackText(reply))
                .blocks(BlockKitRenderer.render(reply, askerLine(reply, asker, slashCommand)))
                .build();
        try {
            WebhookResponse response = responder.send(body);
            return response.getCode() != null && response.getCode() == 200;
        } catch (IOException e) {
            return false;
        }
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
