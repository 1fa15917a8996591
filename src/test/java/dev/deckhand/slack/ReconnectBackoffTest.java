package dev.deckhand.slack;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReconnectBackoffTest {

    @Test
    void doubles_fromTheFirstWait_upToTheCap_andStaysThere() {
        ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(60));
        assertThat(IntStream.rangeClosed(1, 9).mapToObj(backoff::delay).map(Duration::toSeconds))
                .containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
        assertThat(backoff.delay(10_000)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void defaultStartsAtOneSecond_andIsCappedAtAMinute() {
        assertThat(ReconnectBackoff.DEFAULT.delay(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(ReconnectBackoff.DEFAULT.delay(50)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void refusesACapBelowTheFirstWait() {
        assertThatThrownBy(() -> new ReconnectBackoff(Duration.ofSeconds(5), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
