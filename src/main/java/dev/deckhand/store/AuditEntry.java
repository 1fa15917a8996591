package dev.deckhand.store;

import java.time.Instant;
import java.util.List;
import dev.deckhand.validate.UrlMask;

/**
 * One change Deckhand made (or tried to make) in AWS.
 *
 * @param at        when it finished
 * @param userId    who asked
 * @param channelId where
 * @param command   the command text as typed, URLs without their query strings (see {@link #withoutUrlQueries})
 * @param region    the AWS region acted on
 * @param resources ids touched (instance, group, volume ...)
 * @param outcome   what came of it
 * @param detail    one line: the result, or why it failed
 * @param approvalId the approval request this ran under, empty when none
 * @param plan      the plan that was applied, refused or sent to approval, as JSON; empty when none
 */
public record AuditEntry(Instant at, String userId, String channelId, String command, String region,
                         List<String> resources, Outcome outcome, String detail, String approvalId, String plan) {

    /** {@code PARTIAL}: some of the plan was applied and some was not; the detail says what is left. */
    public enum Outcome { SUCCEEDED, FAILED, DENIED, REQUESTED, PARTIAL }

    /** The longest command text a row keeps: a refused 100 kB paste is recorded by its beginning and length. */
    public static final int MAX_COMMAND = 1_000;

    public AuditEntry {
        command = command == null ? "" : bounded(withoutUrlQueries(command));
        resources = List.copyOf(resources);
        detail = detail == null ? "" : detail;
        approvalId = approvalId == null ? "" : approvalId;
        plan = plan == null ? "" : plan;
    }

    /**
     * The command as an audit row keeps it: URLs without their query strings, since a pre-signed URL's
     * query is a credential ({@code deploy --artifact}). Every row goes through here, whoever writes it,
     * and rows read back go through it again: what it already shortened it leaves alone.
     */
    public static String withoutUrlQueries(String text) {
        return UrlMask.inText(text);
    }

    private static String bounded(String command) {
        if (command.length() <= MAX_COMMAND) {
            return command;
        }
        String kept = " … (" + command.length() + " characters; the rest not kept)";
        return command.substring(0, MAX_COMMAND - kept.length()) + kept;
    }

    /** An entry that ran under no approval and has no plan (reads, refusals before planning). */
    public AuditEntry(Instant at, String userId, String channelId, String command, String region,
                      List<String> resources, Outcome outcome, String detail) {
        this(at, userId, channelId, command, region, resources, outcome, detail, "", "");
    }
}
