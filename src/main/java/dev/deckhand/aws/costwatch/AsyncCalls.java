package dev.deckhand.aws.costwatch;

import dev.deckhand.aws.AwsErrors;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Runs blocking SDK calls on the scan executor, each through {@link AwsErrors} so a failure carries
 * an actionable message. Futures are composed, never joined inside the pool, so a bounded pool
 * cannot deadlock on itself.
 */
final class AsyncCalls {

    private final Executor executor;

    AsyncCalls(Executor executor) {
        this.executor = executor;
    }

    <T> CompletableFuture<T> call(String action, String region, Supplier<T> sdkCall) {
        return CompletableFuture.supplyAsync(() -> AwsErrors.call(action, region, sdkCall), executor);
    }

    /** Completes when all complete, with their values in order; fails when any fails. */
    static <T> CompletableFuture<List<T>> all(List<CompletableFuture<T>> futures) {
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                .thenApply(v -> futures.stream().map(CompletableFuture::join).toList());
    }
}
