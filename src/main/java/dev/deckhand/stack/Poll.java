package dev.deckhand.stack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one polling loop (instances terminating, a load balancer turning active, ACM issuing, an SSM
 * command finishing): ask, and while the answer is not final pause and ask again until the timeout.
 */
public record Poll(Clock clock, Pause pause, Duration interval, Duration timeout) {

    /** The same clock and pause with other limits. */
    public Poll with(Duration otherInterval, Duration otherTimeout) {
        return new Poll(clock, pause, otherInterval, otherTimeout);
    }

    /** The first answer that is {@code done}; past the timeout, throws what {@code late} makes of the last answer. */
    public <T> T until(Supplier<T> probe, Predicate<T> done, Function<T, ? extends RuntimeException> late) {
        return until(probe, done, late, answer -> { });
    }

    /** As {@link #until(Supplier, Predicate, Function)}, telling {@code waiting} each answer it waits on. */
    public <T> T until(Supplier<T> probe, Predicate<T> done, Function<T, ? extends RuntimeException> late,
                       Consumer<T> waiting) {
        Instant deadline = clock.instant().plus(timeout);
        T answer = probe.get();
        while (!done.test(answer)) {
            if (!clock.instant().isBefore(deadline)) {
                throw late.apply(answer);
            }
            waiting.accept(answer);
            pause.pause(interval);
            answer = probe.get();
        }
        return answer;
    }
}
