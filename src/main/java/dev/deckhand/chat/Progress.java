package dev.deckhand.chat;

/**
 * Where a slow handler reports how far it got. The console prints each step; Slack updates one
 * message in place.
 */
@FunctionalInterface
public interface Progress {

    void report(String step);

    Progress NONE = step -> { };
}
