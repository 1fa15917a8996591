package dev.deckhand.slack;

import java.time.Duration;

/**
 * How long to wait before Socket Mode reconnect attempt {@code n}: {@code first}, doubling each time,
 * never more than {@code cap}. Bolt's own reconnect retries at once and every 10 seconds with a stack
 * trace each time; this spaces the attempts out when Slack stays unreachable.
 */
record ReconnectBackoff(Duration first, Duration cap) {

    static final ReconnectBackoff DEFAULT = new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

    ReconnectBackoff {
        if (first.isNegative() || first.isZero() || cap.compareTo(first) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < first <= cap");
        }
    }

    /** @param attempt 1 for the first attempt after a drop */
    Duration delay(int attempt) {
        Duration d = first;
        for (int i = 1; i < attempt && d.compareTo(cap) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(cap) > 0 ? cap : d;
    }
}
