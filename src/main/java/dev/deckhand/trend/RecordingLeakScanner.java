package dev.deckhand.trend;

import dev.deckhand.costwatch.LeakScanner;
import dev.deckhand.costwatch.RegionOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link LeakScanner} that stores each region's totals as its scan completes (the cache means a
 * region is asked of AWS, and so stored, at most once per cache period). A failed region stores
 * nothing: the trend shows what was seen, never a guess.
 */
public final class RecordingLeakScanner implements LeakScanner, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RecordingLeakScanner.class);

    private final LeakScanner delegate;
    private final TrendStore store;
    private final Clock clock;

    public RecordingLeakScanner(LeakScanner delegate, TrendStore store, Clock clock) {
        this.delegate = delegate;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public List<String> enabledRegions() {
        return delegate.enabledRegions();
    }

    @Override
    public String place(String region) {
        return delegate.place(region);
    }

    @Override
    public CompletableFuture<RegionOutcome> scan(String region) {
        return delegate.scan(region).thenApply(outcome -> {
            // A region judged only in part would show its unjudged waste as a saving: only full answers count.
            if (outcome instanceof RegionOutcome.Scanned scanned && scanned.gaps().isEmpty()) {
                try {
                    store.record(clock.instant(), scanned.region(), scanned.leaks());
                } catch (RuntimeException e) {
                    log.warn("Could not store the totals of {} for the trend: {}", region, e.getMessage());
                }
            }
            return outcome;
        });
    }

    @Override
    public void close() throws Exception {
        if (delegate instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
