package dev.deckhand.chat;

/**
 * How Deckhand speaks first (not as an answer): approval cards, reminders, progress, direct messages.
 * Implemented by each adapter; handlers never see a platform type.
 */
public interface ChatPort {

    /** Posts to a channel and returns a reference that can be updated or replied to in a thread. */
    MessageRef post(String channelId, Reply reply);

    /** Replaces a posted message in place (progress, a card whose buttons are gone). */
    void update(MessageRef message, Reply reply);

    /** Posts under a message, in its thread. */
    MessageRef postInThread(MessageRef parent, Reply reply);

    /** Sends a direct message to one user. */
    MessageRef directMessage(String userId, Reply reply);

    /**
     * Uploads a file (a chart) into a message's thread. An adapter that cannot carry files (the console
     * writes charts with {@code leaks trend} instead) leaves it out.
     */
    default void uploadInThread(MessageRef parent, String filename, String title, byte[] content) {
    }

    /** Identifies a posted message: channel plus the platform's message id (Slack's {@code ts}). */
    record MessageRef(String channelId, String messageId) { }
}
