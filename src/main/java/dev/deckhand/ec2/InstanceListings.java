package dev.deckhand.ec2;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Each region's instance listing, reused for {@code costwatch.cacheTtlMinutes} (Caffeine, ticking on
 * the injected clock) so {@code ec2 list} right after another list or a cost scan costs no AWS call.
 * Filled by {@code ec2 list} and by the cost scan (which asks DescribeInstances and DescribeAddresses
 * without filters, the same two calls a list makes). Deckhand's own changes call {@link #invalidate};
 * a listing asked for before a change and answered after it is dropped rather than stored, so the
 * cache never holds a picture older than Deckhand's last change.
 */
public final class InstanceListings {

    /**
     * @param instances every instance in the region, terminated ones included
     * @param asOf      when AWS was asked
     * @param cached    true when this answer came from the cache rather than from AWS just now
     */
    public record Listing(List<InstanceSummary> instances, Instant asOf, boolean cached) {
        public Listing {
            instances = List.copyOf(instances);
        }
    }

    private final Clock clock;
    private final Cache<String, Listing> listings;
    private final AtomicLong generation = new AtomicLong();

    /** @param ttl how long a listing is reused; zero: never (every list asks AWS) */
    public InstanceListings(Clock clock, Duration ttl) {
        this.clock = clock;
        Ticker ticker = () -> {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
        this.listings = Caffeine.newBuilder().expireAfterWrite(ttl).ticker(ticker).build();
    }

    /** No reuse: every list asks AWS (for tests and callers without a cost-watch TTL). */
    public static InstanceListings none(Clock clock) {
        return new InstanceListings(clock, Duration.ZERO);
    }

    /**
     * The region's listing: the cached one when young enough and {@code fresh} is false, else
     * {@code ask}'s answer (stored for the next list).
     */
    public Listing get(String region, boolean fresh, Function<String, List<InstanceSummary>> ask) {
        if (!fresh) {
            Listing known = listings.getIfPresent(region);
            if (known != null) {
                return new Listing(known.instances(), known.asOf(), true);
            }
        }
        long before = generation.get();
        Instant asOf = clock.instant();
        List<InstanceSummary> instances = ask.apply(region);
        Listing listing = new Listing(instances, asOf, false);
        store(region, listing, before);
        return listing;
    }

    /** The current generation; pass it back to {@link #offer} so a listing older than a change is dropped. */
    public long generation() {
        return generation.get();
    }

    /**
     * A listing read elsewhere (the cost scan). Kept unless a newer one is cached or Deckhand
     * changed something since {@code generation} was read.
     */
    public void offer(String region, List<InstanceSummary> instances, Instant asOf, long generation) {
        store(region, new Listing(instances, asOf, false), generation);
    }

    /** Cached listing of a region without asking AWS, if any. */
    public Optional<Listing> cached(String region) {
        return Optional.ofNullable(listings.getIfPresent(region)).map(l -> new Listing(l.instances(), l.asOf(), true));
    }

    /** Forgets every listing: called after each successful change Deckhand makes. */
    public synchronized void invalidate() {
        generation.incrementAndGet();
        listings.invalidateAll();
    }

    private synchronized void store(String region, Listing listing, long askedAt) {
        if (generation.get() != askedAt) {
            return;
        }
        Listing known = listings.getIfPresent(region);
        if (known == null || !known.asOf().isAfter(listing.asOf())) {
            listings.put(region, listing);
        }
    }
}
