package dev.deckhand.slack;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
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

    private final Cache<String, Duration> seen;
    private final Duration window;

    DeliveryLog(Duration window, Clock clock) {
        Ticker ticker = () -> clock.millis() * 1_000_000L;
        this.window = window;
        // Each key carries how long it is kept: the window, or longer for a signed request's replay key.
        this.seen = Caffeine.newBuilder().expireAfter(Expiry.<String, Duration>creating((key, keep) -> keep))
                .maximumSize(100_000).ticker(ticker).build();
    }

    @Override
    public boolean firstDelivery(String key) {
        return firstDelivery(key, window);
    }

    @Override
    public boolean firstDelivery(String key, Duration keep) {
        return seen.asMap().putIfAbsent(key, keep.compareTo(window) > 0 ? keep : window) == null;
    }

    @Override
    public void forget(String key) {
        seen.invalidate(key);
    }
}
