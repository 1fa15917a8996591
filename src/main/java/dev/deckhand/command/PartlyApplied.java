package dev.deckhand.command;

import dev.deckhand.chat.Reply;

/**
 * Thrown by {@link Change#apply} when some of the plan happened and some did not (a teardown stopped
 * at a resource AWS refused). It is neither a success nor a failure: the router audits it as
 * {@code PARTIAL} and an approval ends {@code PARTIAL}, both with {@link #summary()}, so no card or
 * audit row says "done" while resources are still there.
 */
public final class PartlyApplied extends RuntimeException {

    private final transient Reply reply;
    private final String summary;

    /**
     * @param reply   the whole answer: what was done, what failed, what is left
     * @param summary one line for cards and audit rows: what is left and how to resume
     */
    public PartlyApplied(Reply reply, String summary) {
        super(summary, null, false, false);
        this.reply = reply;
        this.summary = summary;
    }

    public Reply reply() {
        return reply;
    }

    public String summary() {
        return summary;
    }
}
