package dev.deckhand.slack;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import java.time.Clock;
import java.time.Duration;

/**
 * Remembers recent deliveries so the same command runs once when Slack retries it
 * ({@code X-Slack-Retry-Num}, same {@code trigger_id}), a network replays it, or a user double-clicks a
 * button. Bounded in size and time; a key seen again inside the window is a duplicate.
 */
final class DeliveryLog {

    private final Cache<String, Boolean> seen;

    DeliveryLog(Duration window, Clock clock) {
        Ticker ticker = () -> clock.millis() * 1_000_000L;
        this.seen = Caffeine.newBuilder().expireAfterWrite(window).maximumSize(100_000).ticker(ticker).build();
    }

    /** @return true the first time {@code key} is offered within the window; false for a duplicate */
    boolean firstDelivery(String key) {
        return seen.asMap().putIfAbsent(key, Boolean.TRUE) == null;
    }

    /** Forgets a delivery that was refused without running (Deckhand busy), so Slack's retry may run it. */
    void forget(String key) {
        seen.invalidate(key);
    }
}
