package dev.deckhand.stack;

import java.util.List;

/** How a teardown ended. */
public sealed interface TeardownResult {

    List<StackResource> removed();

    /** Everything found is gone (or was gone already). */
    record Completed(List<StackResource> removed) implements TeardownResult {
        public Completed {
            removed = List.copyOf(removed);
        }
    }

    /**
     * A step failed; {@code remaining} still exists and a rerun picks it up.
     *
     * @param failedStep what was being done, e.g. {@code removing security group web (sg-0abc)}
     * @param reason     AWS's refusal, worded for people
     */
    record Stopped(List<StackResource> removed, String failedStep, String reason,
                   List<StackResource> remaining) implements TeardownResult {
        public Stopped {
            removed = List.copyOf(removed);
            remaining = List.copyOf(remaining);
        }
    }
}
