package dev.deckhand.slack;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.deckhand.chat.DeliveryGuard;

import java.time.Clock;
import java.time.Duration;

/**
 * Remembers recent deliveries so the same command runs once when Slack retries it
 * ({@code X-Slack-Retry-Num}, same {@code trigger_id}), a network replays it, or a user double-clicks a
 * button. Bounded in size and time; a key seen again inside the window is a duplicate. In memory: right
 * for one process; replicas use the store's guard instead.
 */
final class DeliveryLog implements DeliveryGuard {

    private final Cache<String, Boolean> seen;

    DeliveryLog(Duration window, Clock clock) {
        Ticker ticker = () -> clock.millis() * 1_000_000L;
        this.seen = Caffeine.newBuilder().expireAfterWrite(window).maximumSize(100_000).ticker(ticker).build();
    }

    @Override
    public boolean firstDelivery(String key) {
        return seen.asMap().putIfAbsent(key, Boolean.TRUE) == null;
    }

    @Override
    public void forget(String key) {
        seen.invalidate(key);
    }
}
