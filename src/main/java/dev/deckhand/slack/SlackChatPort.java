package dev.deckhand.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import dev.deckhand.chat.ChatPort;
import dev.deckhand.chat.Reply;

import java.io.IOException;
import java.util.List;

/**
 * How Deckhand speaks first in Slack, on Bolt's {@link MethodsClient} with the bot token:
 * {@code chat.postMessage}, {@code chat.update}, a thread reply, and a direct message opened with
 * {@code conversations.open}. A failure becomes a {@link SlackPostException} that names the method and
 * Slack's error code (never the token).
 */
public final class SlackChatPort implements ChatPort {

    private final MethodsClient client;

    public SlackChatPort(MethodsClient client) {
        this.client = client;
    }

    @Override
    public MessageRef post(String channelId, Reply reply) {
        var response = call("chat.postMessage", () -> client.chatPostMessage(r -> r.channel(channelId)
                .text(BlockKitRenderer.fallbackText(reply)).blocks(BlockKitRenderer.render(reply))));
        return new MessageRef(response.getChannel(), response.getTs());
    }

    @Override
    public void update(MessageRef message, Reply reply) {
        call("chat.update", () -> client.chatUpdate(r -> r.channel(message.channelId()).ts(message.messageId())
                .text(BlockKitRenderer.fallbackText(reply)).blocks(BlockKitRenderer.render(reply))));
    }

    @Override
    public MessageRef postInThread(MessageRef parent, Reply reply) {
        var response = call("chat.postMessage", () -> client.chatPostMessage(r -> r.channel(parent.channelId())
                .threadTs(parent.messageId())
                .text(BlockKitRenderer.fallbackText(reply)).blocks(BlockKitRenderer.render(reply))));
        return new MessageRef(response.getChannel(), response.getTs());
    }

    /** {@code files.uploadV2}: files.getUploadURLExternal, the upload POST, files.completeUploadExternal into the thread. */
    @Override
    public void uploadInThread(MessageRef parent, String filename, String title, byte[] content) {
        call("files.uploadV2", () -> client.filesUploadV2(r -> r.channel(parent.channelId()).threadTs(parent.messageId())
                .filename(filename).title(title).fileData(content)));
    }

    /**
     * {@code chat.postEphemeral}: shown to {@code userId} alone in {@code channelId}; the fallback for a
     * private answer whose response_url is gone. Slack cannot edit such a message later.
     */
    public void postEphemeral(String channelId, String userId, Reply reply) {
        call("chat.postEphemeral", () -> client.chatPostEphemeral(r -> r.channel(channelId).user(userId)
                .text(BlockKitRenderer.fallbackText(reply)).blocks(BlockKitRenderer.render(reply))));
    }

    @Override
    public MessageRef directMessage(String userId, Reply reply) {
        var opened = call("conversations.open", () -> client.conversationsOpen(r -> r.users(List.of(userId))));
        return post(opened.getChannel().getId(), reply);
    }

    private static <T extends SlackApiTextResponse> T call(String method, SlackCall<T> call) {
        T response;
        try {
            response = call.run();
        } catch (SlackApiException e) {
            throw new SlackPostException(method + " failed: HTTP " + e.getResponse().code()
                    + (e.getError() != null ? " " + e.getError().getError() : ""), e);
        } catch (IOException e) {
            throw new SlackPostException(method + " failed: " + e.getMessage(), e);
        }
        if (!response.isOk()) {
            throw new SlackPostException(method + " failed: " + response.getError()
                    + (response.getNeeded() != null ? " (needs scope " + response.getNeeded() + ")" : ""), null);
        }
        return response;
    }

    @FunctionalInterface
    private interface SlackCall<T> {
        T run() throws IOException, SlackApiException;
    }

    /** Slack refused or could not be reached; the message says which method and Slack's error code. */
    public static final class SlackPostException extends RuntimeException {
        SlackPostException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
