package dev.deckhand.app.config;

/**
 * The {@code costwatch} section: when to scan, where to post, how long results are cached.
 *
 * @param enabled          whether the scheduled digest runs
 * @param schedule         cron expression (minute hour day-of-month month day-of-week)
 * @param timezone         zone the schedule is read in, e.g. Europe/Berlin
 * @param channel          channel for the digest
 * @param cacheTtlMinutes  minutes a scan result is reused
 * @param escalateAfter    digests a finding may go unanswered before the owner is mentioned in the channel
 * @param failAboveUsd     {@code scan} exits non-zero when the monthly total is above this
 */
public record CostWatchConfig(boolean enabled, String schedule, String timezone, String channel, int cacheTtlMinutes,
                              int escalateAfter, double failAboveUsd) {
}
