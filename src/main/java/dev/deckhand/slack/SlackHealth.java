package dev.deckhand.slack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What {@code GET /healthz} tells a supervisor about the link to Slack. Over HTTP the link is up once
 * Slack confirmed the bot token; in Socket Mode only once Slack's {@code hello} arrived on the
 * WebSocket, and it falls back to {@code reconnecting} when the socket drops. A supervisor restarts the
 * process when it stays away from {@code connected} (the answer is 503 then).
 */
final class SlackHealth {

    /** Where the link stands; only {@link #CONNECTED} is healthy. */
    enum State {
        STARTING, CONNECTED, RECONNECTING;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Clock clock;
    private final String mode;
    private volatile State state = State.STARTING;
    private volatile Instant lastHello;
    private volatile int attempts;

    SlackHealth(Clock clock, String mode) {
        this.clock = clock;
        this.mode = mode;
    }

    /** Slack said hello (Socket Mode) or confirmed the token (HTTP). */
    void connected() {
        lastHello = clock.instant();
        attempts = 0;
        state = State.CONNECTED;
    }

    /** The link dropped or a connection attempt failed; {@code attempt} counts since the last hello. */
    void reconnecting(int attempt) {
        attempts = attempt;
        state = State.RECONNECTING;
    }

    State state() {
        return state;
    }

    /** 200 when connected, 503 otherwise. */
    int status() {
        return state == State.CONNECTED ? 200 : 503;
    }

    String json() {
        Instant hello = lastHello;
        String since = hello == null ? "null"
                : String.valueOf(Duration.between(hello, clock.instant()).toSeconds());
        return "{\"status\":\"" + state.label() + "\",\"mode\":\"" + mode + "\",\"secondsSinceHello\":" + since
                + ",\"reconnectAttempts\":" + attempts + "}";
    }
}
