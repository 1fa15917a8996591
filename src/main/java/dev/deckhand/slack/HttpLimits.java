package dev.deckhand.slack;

import java.time.Duration;

/**
 * How much of itself the HTTP endpoint lends to any one client, so that it stays up on the open internet.
 *
 * @param readTimeout           a connection that sends nothing for this long (mid-headers or mid-body) is closed;
 *                              slow clients hold a socket, never a thread, until then
 * @param maxConcurrentRequests signed requests handled at once; one more is answered 503 at once instead of
 *                              queueing behind them (Slack then shows its own error rather than a 3 s timeout)
 */
public record HttpLimits(Duration readTimeout, int maxConcurrentRequests) {

    /** The largest body Slack sends is far below this; anything bigger is refused with 413 unread. */
    static final int MAX_BODY_BYTES = 1 << 20;

    public static final HttpLimits DEFAULTS = new HttpLimits(Duration.ofSeconds(10), 64);

    public HttpLimits {
        if (readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("readTimeout must be positive");
        }
        if (maxConcurrentRequests < 1) {
            throw new IllegalArgumentException("maxConcurrentRequests must be at least 1");
        }
    }
}
