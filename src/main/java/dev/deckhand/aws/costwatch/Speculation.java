package dev.deckhand.aws.costwatch;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Calls that depend on a listing (a target group's health needs the group's ARN) would make a region
 * two round trips deep. The previous scan already named those resources, so their calls start
 * together with the listing; when the listing comes back, a speculative answer is used for every
 * resource it still names, and only new resources cost a second round trip. A speculative call that
 * fails (the resource was deleted meanwhile) is simply not used. Answers are never reused across
 * scans: every value is fetched during the scan that reports it.
 *
 * @param <V> the answer per resource
 */
final class Speculation<V> {

    private final Map<String, CompletableFuture<Optional<V>>> started = new ConcurrentHashMap<>();

    /** Starts the call for a resource the previous scan saw. */
    void start(String key, Supplier<CompletableFuture<V>> call) {
        started.put(key, call.get().handle((v, e) -> e == null ? Optional.of(v) : Optional.empty()));
    }

    /** The speculative answer for {@code key} if it was started and succeeded, else a call made now. */
    CompletableFuture<V> get(String key, Function<String, CompletableFuture<V>> call) {
        CompletableFuture<Optional<V>> early = started.get(key);
        if (early == null) {
            return call.apply(key);
        }
        return early.thenCompose(v -> v.map(CompletableFuture::completedFuture).orElseGet(() -> call.apply(key)));
    }
}
