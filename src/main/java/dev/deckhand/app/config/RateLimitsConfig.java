package dev.deckhand.app.config;

/**
 * The {@code rateLimits} section: how much of the account's AWS API budget chat can spend.
 *
 * @param freshPerUserSeconds one fresh all-region scan ({@code leaks --fresh}) per user per this many seconds;
 *                            a scan of some regions costs that share; 0: no per-user limit
 * @param freshPerTeamSeconds one fresh all-region scan for the whole team per this many seconds; 0: no limit
 * @param awsCallsPerSecond   AWS calls Deckhand makes per second per account, region and metered unit (an EC2
 *                            action, or a service), retries included; 0: no limit (emulators)
 * @param scanConcurrency     AWS calls a cost scan has in flight at once; 0: every listing call of every watched
 *                            region (9 per region, at most 256)
 */
public record RateLimitsConfig(int freshPerUserSeconds, int freshPerTeamSeconds, int awsCallsPerSecond,
                               int scanConcurrency) {

    /**
     * Most threads the default (0) gives a scan: each costs ~125 KB resident (touched stack, thread-local SDK
     * state), and 256 keep the image within 256 MB resident. With the image's 96 MB heap, 342 threads scanned 38
     * regions no faster than 256: two full collections per scan took what the third wave saved.
     */
    public static final int DEFAULT_MAX_SCAN_CONCURRENCY = 256;

    /** Most calls in flight a scan may be configured to keep (with a larger heap); each holds a thread. */
    public static final int MAX_SCAN_CONCURRENCY = 400;

    /** What applies when the section is left out. */
    public static final RateLimitsConfig DEFAULTS = new RateLimitsConfig(60, 10, 5, 0);
}
