package dev.deckhand.stack;

import java.time.Duration;

/** Waits between polls; injected so tests advance a clock instead of sleeping. */
@FunctionalInterface
public interface Pause {

    void pause(Duration duration);

    Pause SLEEP = duration -> {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting", e);
        }
    };
}
