package dev.deckhand.testing;

import dev.deckhand.chat.ChatPort;
import dev.deckhand.chat.Reply;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A ChatPort that remembers what was posted, for handler tests that do not need Slack's wire. */
public final class RecordingChatPort implements ChatPort {

    public record Sent(String kind, String target, String messageId, Reply reply) { }

    public final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    @Override
    public MessageRef post(String channelId, Reply reply) {
        MessageRef ref = new MessageRef(channelId, "ts" + ids.incrementAndGet());
        sent.add(new Sent("post", channelId, ref.messageId(), reply));
        return ref;
    }

    @Override
    public void update(MessageRef message, Reply reply) {
        sent.add(new Sent("update", message.channelId(), message.messageId(), reply));
    }

    @Override
    public MessageRef postInThread(MessageRef parent, Reply reply) {
        MessageRef ref = new MessageRef(parent.channelId(), "ts" + ids.incrementAndGet());
        sent.add(new Sent("thread", parent.channelId(), parent.messageId(), reply));
        return ref;
    }

    @Override
    public MessageRef directMessage(String userId, Reply reply) {
        MessageRef ref = new MessageRef("D-" + userId, "ts" + ids.incrementAndGet());
        sent.add(new Sent("dm", userId, ref.messageId(), reply));
        return ref;
    }

    /** An upload is recorded as kind "upload", its reply holding the file name as body. */
    @Override
    public void uploadInThread(MessageRef parent, String filename, String title, byte[] content) {
        uploads.add(content);
        sent.add(new Sent("upload", parent.channelId(), parent.messageId(), Reply.inChannel(filename)));
    }

    public final List<byte[]> uploads = new CopyOnWriteArrayList<>();

    public List<Sent> ofKind(String kind) {
        return sent.stream().filter(s -> s.kind().equals(kind)).toList();
    }
}
