package dev.deckhand.slack;

import dev.deckhand.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class SlackHealthTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T00:00:00Z"));
    private final SlackHealth health = new SlackHealth(clock, "socket");

    @Test
    void beforeHello_isStarting_andUnhealthy() {
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.json())
                .isEqualTo("{\"status\":\"starting\",\"mode\":\"socket\",\"secondsSinceHello\":null,\"reconnectAttempts\":0}");
    }

    @Test
    void afterHello_isConnected_withTheTimeSinceIt() {
        health.connected();
        clock.advance(Duration.ofSeconds(42));

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json())
                .isEqualTo("{\"status\":\"connected\",\"mode\":\"socket\",\"secondsSinceHello\":42,\"reconnectAttempts\":0}");
    }

    @Test
    void afterADrop_isReconnecting_untilTheNextHello() {
        health.connected();
        clock.advance(Duration.ofSeconds(5));
        health.reconnecting(3);

        assertThat(health.status()).isEqualTo(503);
        assertThat(health.json())
                .isEqualTo("{\"status\":\"reconnecting\",\"mode\":\"socket\",\"secondsSinceHello\":5,\"reconnectAttempts\":3}");
        health.connected();
        assertThat(health.state()).isEqualTo(SlackHealth.State.CONNECTED);
    }
}
