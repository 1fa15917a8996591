package dev.deckhand.console;

import dev.deckhand.chat.ChatPort;
import dev.deckhand.chat.Reply;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The console's stand-in for Slack's Web API: messages Deckhand posts on its own (approval cards,
 * reminders, direct messages) are printed, each with an id so updates and threads can be followed.
 */
public final class ConsoleChatPort implements ChatPort {

    private final PrintWriter out;
    private final AtomicLong ids = new AtomicLong();

    public ConsoleChatPort(PrintWriter out) {
        this.out = out;
    }

    @Override
    public MessageRef post(String channelId, Reply reply) {
        MessageRef ref = new MessageRef(channelId, "m" + ids.incrementAndGet());
        print("[#" + channelId + " " + ref.messageId() + "]", reply);
        return ref;
    }

    @Override
    public void update(MessageRef message, Reply reply) {
        print("[#" + message.channelId() + " " + message.messageId() + " updated]", reply);
    }

    @Override
    public MessageRef postInThread(MessageRef parent, Reply reply) {
        MessageRef ref = new MessageRef(parent.channelId(), "m" + ids.incrementAndGet());
        print("[#" + parent.channelId() + " thread of " + parent.messageId() + "]", reply);
        return ref;
    }

    @Override
    public MessageRef directMessage(String userId, Reply reply) {
        MessageRef ref = new MessageRef("@" + userId, "m" + ids.incrementAndGet());
        print("[DM to " + userId + "]", reply);
        return ref;
    }

    private void print(String where, Reply reply) {
        synchronized (out) {
            out.println(where);
            reply.plainText().lines().forEach(line -> out.println("  " + line));
            out.flush();
        }
    }
}
