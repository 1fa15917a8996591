package dev.deckhand.command;

import dev.deckhand.chat.CommandRequest;
import dev.deckhand.chat.Progress;

/**
 * What a handler gets: who asked, where, the parsed arguments, the region that applies (the
 * {@code --region} flag, else the channel's default), where to report progress, and the resources
 * it changed (for the audit log).
 */
public record CommandContext(CommandRequest request, CommandSpec spec, Arguments args, String region,
                             Progress progress, Touched touched) {

    /** Notes a resource this command changed, for the audit log. */
    public void touched(String resourceId) {
        touched.add(resourceId);
    }

    public String user() {
        return request.userId();
    }

    public String channel() {
        return request.channelId();
    }
}
