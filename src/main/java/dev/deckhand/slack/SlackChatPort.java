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
 * Slack's error code (never the token). A reply longer than one message ({@link BlockKitRenderer#parts})
 * is posted as several, in order; the first is the one referred to.
 */
public final class SlackChatPort implements ChatPort {

    private final MethodsClient client;

    public SlackChatPort(MethodsClient client) {
        this.client = client;
    }

    @Override
    public MessageRef post(String channelId, Reply reply) {
        MessageRef first = null;
        for (Reply part : BlockKitRenderer.parts(reply)) {
            var response = call("chat.postMessage", () -> client.chatPostMessage(r -> r.channel(channelId)
                    .text(BlockKitRenderer.fallbackText(part)).blocks(BlockKitRenderer.render(part))));
            first = first == null ? new MessageRef(response.getChannel(), response.getTs()) : first;
        }
        return first;
    }

    /** One message is replaced; the parts of a reply longer than a message after the first follow in its thread. */
    @Override
    public void update(MessageRef message, Reply reply) {
        List<Reply> parts = BlockKitRenderer.parts(reply);
        call("chat.update", () -> client.chatUpdate(r -> r.channel(message.channelId()).ts(message.messageId())
                .text(BlockKitRenderer.fallbackText(parts.get(0))).blocks(BlockKitRenderer.render(parts.get(0)))));
        parts.subList(1, parts.size()).forEach(part -> postInThread(message, part));
    }

    @Override
    public MessageRef postInThread(MessageRef parent, Reply reply) {
        MessageRef first = null;
        for (Reply part : BlockKitRenderer.parts(reply)) {
            var response = call("chat.postMessage", () -> client.chatPostMessage(r -> r.channel(parent.channelId())
                    .threadTs(parent.messageId())
                    .text(BlockKitRenderer.fallbackText(part)).blocks(BlockKitRenderer.render(part))));
            first = first == null ? new MessageRef(response.getChannel(), response.getTs()) : first;
        }
        return first;
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
        for (Reply part : BlockKitRenderer.parts(reply)) {
            call("chat.postEphemeral", () -> client.chatPostEphemeral(r -> r.channel(channelId).user(userId)
                    .text(BlockKitRenderer.fallbackText(part)).blocks(BlockKitRenderer.render(part))));
        }
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
