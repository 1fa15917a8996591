package dev.deckhand.costwatch;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The cloud side of cost watch (implemented over the AWS SDK in {@code dev.deckhand.aws.costwatch}).
 * A region's scan never throws: a failure comes back as {@link RegionOutcome.Failed}, so one bad
 * region cannot stop the others.
 */
public interface LeakScanner {

    /** Regions the account has enabled (asked of AWS when config lists none). */
    List<String> enabledRegions();

    /**
     * The place {@code region} names for the one asking: the name its outcome carries and its scan is cached
     * under. With several accounts a plain region is the caller's account's ({@code dev/eu-west-1}), so one
     * account's findings are never served from the cache to another's.
     */
    default String place(String region) {
        return region;
    }

    /** Scans one region without blocking the caller; completes with its findings or its failure. */
    CompletableFuture<RegionOutcome> scan(String region);
}
