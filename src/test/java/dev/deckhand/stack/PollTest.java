package dev.deckhand.stack;

import dev.deckhand.command.UserFacingException;
import dev.deckhand.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PollTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
    final Poll poll = new Poll(clock, clock::advance, Duration.ofSeconds(5), Duration.ofSeconds(12));

    @Test
    void until_pausesBetweenAnswers_andReturnsTheFirstDoneOne_tellingWhatItWaitedOn() {
        Iterator<String> answers = List.of("pending", "provisioning", "active", "never asked").iterator();
        List<String> waited = new ArrayList<>();

        String result = poll.until(answers::next, "active"::equals, a -> new UserFacingException(a), waited::add);

        assertThat(result).isEqualTo("active");
        assertThat(waited).containsExactly("pending", "provisioning");
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-25T12:00:10Z"));
    }

    @Test
    void until_pastTheTimeout_throwsWhatLateMakesOfTheLastAnswer() {
        int[] asked = {0};

        assertThatThrownBy(() -> poll.until(() -> "pending " + ++asked[0], "active"::equals,
                a -> new UserFacingException("still " + a)))
                .isInstanceOf(UserFacingException.class).hasMessage("still pending 4");
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-25T12:00:15Z"));
    }

    @Test
    void with_keepsTheClockAndPause_withOtherLimits() {
        Poll quick = poll.with(Duration.ofSeconds(2), Duration.ofSeconds(3));
        int[] asked = {0};

        assertThatThrownBy(() -> quick.until(() -> ++asked[0], n -> false, n -> new UserFacingException("after " + n)))
                .hasMessage("after 3");
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-25T12:00:04Z"));
    }
}
