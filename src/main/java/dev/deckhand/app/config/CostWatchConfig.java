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
 * @param idle             when a running resource is waste (optional; defaults below)
 */
public record CostWatchConfig(boolean enabled, String schedule, String timezone, String channel, int cacheTtlMinutes,
                              int escalateAfter, double failAboveUsd, Idle idle) {

    /**
     * {@code costwatch.idle}: a running instance is waste when CloudWatch shows average CPU below
     * {@code cpuPercent} and network below {@code networkMbPerDay} over {@code windowHours}, or when it has no
     * owner tag and is older than {@code unownedAfterDays}. Any key left out takes its default.
     */
    public record Idle(Integer windowHours, Double cpuPercent, Double networkMbPerDay, Integer unownedAfterDays) {

        public int windowHoursOrDefault() {
            return windowHours == null ? 168 : windowHours;
        }

        public double cpuPercentOrDefault() {
            return cpuPercent == null ? 5.0 : cpuPercent;
        }

        public double networkMbPerDayOrDefault() {
            return networkMbPerDay == null ? 5.0 : networkMbPerDay;
        }

        public int unownedAfterDaysOrDefault() {
            return unownedAfterDays == null ? 7 : unownedAfterDays;
        }
    }

    /** The idle rules, defaults where config says nothing. */
    public Idle idleOrDefaults() {
        return idle == null ? new Idle(null, null, null, null) : idle;
    }
}
