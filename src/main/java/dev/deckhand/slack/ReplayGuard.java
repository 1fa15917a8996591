package dev.deckhand.slack;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.deckhand.chat.DeliveryGuard;

import java.time.Clock;
import java.time.Duration;

/**
 * Refuses a signed request seen before, for as long as its timestamp could still pass the
 * {@link SignatureGate}: a captured request replayed a minute later (past the duplicate window) or five
 * minutes later runs nothing. The key is the request's signature, which differs for every genuine
 * delivery (new timestamp or new body) and is the same for a byte-for-byte replay. The store decides
 * (so it holds across a restart and across replicas); this process's memory is only a front that
 * answers repeats without a database round trip.
 */
final class ReplayGuard {

    /** A timestamp passes while within {@link SignatureGate#MAX_SKEW} of now on either side: 2x, plus margin. */
    static final Duration KEEP = SignatureGate.MAX_SKEW.multipliedBy(2).plusSeconds(30);

    /**
     * Signatures the front remembers: about 100 s of requests at 200/s, which covers Slack's own retries
     * (seconds apart). Older ones are the store's to answer. Sized so the front stays a few MB of the bot's
     * fixed heap: kept for all of {@link #KEEP} at that rate it held 126,000 keys, about 25 MB of live
     * heap that would have grown into full collections.
     */
    static final int FRONT_SIZE = 20_000;

    private final Cache<String, Boolean> seen;
    private final DeliveryGuard store;

    ReplayGuard(DeliveryGuard store, Clock clock) {
        this(store, clock, FRONT_SIZE);
    }

    ReplayGuard(DeliveryGuard store, Clock clock, int frontSize) {
        Ticker ticker = () -> clock.millis() * 1_000_000L;
        this.seen = Caffeine.newBuilder().expireAfterWrite(KEEP).maximumSize(frontSize).ticker(ticker)
                .executor(Runnable::run).build();
        this.store = store;
    }

    /** @return true the first time this signature is offered within {@link #KEEP}; false for a replay */
    boolean firstSight(String signature) {
        String key = "replay:" + signature;
        if (seen.asMap().putIfAbsent(key, Boolean.TRUE) != null) {
            return false;
        }
        return store.firstDelivery(key, KEEP);
    }

    /** Signatures the front holds now (tests: it stays bounded). */
    long frontHolds() {
        seen.cleanUp();
        return seen.estimatedSize();
    }
}
