package dev.deckhand.ratelimit;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Concurrent askers of the same expensive read share one round: the first starts the work on its own
 * thread, everyone who asks for the same key while it runs waits for that answer instead of starting
 * another. Nothing is remembered once the work ends (caching is the caller's business), so a failure
 * is shared by the askers of that round only.
 *
 * @param <K> what makes two reads the same (account, regions, kinds, fresh or not)
 * @param <V> the answer
 */
public final class SingleFlight<K, V> {

    /**
     * @param value  the answer
     * @param shared true when this asker waited for a round someone else started
     */
    public record Flight<V>(V value, boolean shared) { }

    private final Map<K, CompletableFuture<V>> running = new HashMap<>();

    /** The running round's answer for {@code key}, else {@code work}'s, run here and shared meanwhile. */
    public Flight<V> run(K key, Supplier<V> work) {
        return joinOrStart(key, () -> true, work).orElseThrow();
    }

    /**
     * Joins the round running for {@code key}; if none runs, starts one with {@code work} when
     * {@code mayStart} agrees (asked only then, under the same lock, so no second round can start
     * between the look and the decision); else empty.
     */
    public Optional<Flight<V>> joinOrStart(K key, BooleanSupplier mayStart, Supplier<V> work) {
        CompletableFuture<V> mine;
        CompletableFuture<V> theirs;
        synchronized (running) {
            theirs = running.get(key);
            if (theirs == null) {
                if (!mayStart.getAsBoolean()) {
                    return Optional.empty();
                }
                mine = new CompletableFuture<>();
                running.put(key, mine);
            } else {
                mine = null;
            }
        }
        if (theirs != null) {
            return Optional.of(new Flight<>(await(theirs), true)); // waited for outside the lock
        }
        try {
            V value = work.get();
            mine.complete(value);
            return Optional.of(new Flight<>(value, false));
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            synchronized (running) {
                running.remove(key, mine);
            }
        }
    }

    /** Joins the round running for {@code key}, if any; never starts one. */
    public Optional<Flight<V>> join(K key) {
        return joinOrStart(key, () -> false, () -> {
            throw new IllegalStateException("never started");
        });
    }

    /** Rounds running now (for tests and the benchmark). */
    public int running() {
        synchronized (running) {
            return running.size();
        }
    }

    private static <V> V await(CompletableFuture<V> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
