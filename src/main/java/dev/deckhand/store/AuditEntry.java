package dev.deckhand.store;

import java.time.Instant;
import java.util.List;

/**
 * One change Deckhand made (or tried to make) in AWS.
 *
 * @param at        when it finished
 * @param userId    who asked
 * @param channelId where
 * @param command   the command text as typed
 * @param region    the AWS region acted on
 * @param resources ids touched (instance, group, volume ...)
 * @param outcome   what came of it
 * @param detail    one line: the result, or why it failed
 */
public record AuditEntry(Instant at, String userId, String channelId, String command, String region,
                         List<String> resources, Outcome outcome, String detail) {

    public enum Outcome { SUCCEEDED, FAILED, DENIED, REQUESTED }

    public AuditEntry {
        resources = List.copyOf(resources);
        detail = detail == null ? "" : detail;
    }
}
