package dev.deckhand.slack;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class CommandRunnerTest {

    @Test
    void commandsRunAfterTheAck_onWorkersOfTheLowestPriority_soAcksGetTheCpuFirst() throws Exception {
        try (CommandRunner runner = new CommandRunner(null, null, Clock.systemUTC(), Duration.ofSeconds(1), "/deckhand", 2)) {
            CompletableFuture<Integer> priority = new CompletableFuture<>();

            assertThat(runner.submit(() -> priority.complete(Thread.currentThread().getPriority()))).isTrue();

            assertThat(priority.get(5, TimeUnit.SECONDS)).isEqualTo(Thread.MIN_PRIORITY);
            assertThat(Thread.currentThread().getPriority()).isGreaterThan(Thread.MIN_PRIORITY);
        }
    }
}
