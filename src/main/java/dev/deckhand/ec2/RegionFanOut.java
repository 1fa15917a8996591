package dev.deckhand.ec2;

import dev.deckhand.accounts.CallerScope;
import dev.deckhand.command.UserFacingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Asks several regions the same question in parallel (an account has up to ~30 regions and each
 * answer takes a round trip). A region that fails does not spoil the others: its answer carries the
 * reason instead. Each question is asked for the caller of {@link #ask} (its account and STS session).
 */
public final class RegionFanOut {

    private static final Logger log = LoggerFactory.getLogger(RegionFanOut.class);
    private static final int MAX_THREADS = 8;

    private RegionFanOut() {
    }

    /** One region's answer: a value, or why there is none. */
    public record Answer<T>(String region, T value, String error) {

        public boolean ok() {
            return error == null;
        }
    }

    /** Answers in the order of {@code regions}. */
    public static <T> List<Answer<T>> ask(List<String> regions, Function<String, T> question) {
        if (regions.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(MAX_THREADS, regions.size()), r -> {
            Thread t = new Thread(r, "deckhand-regions");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = regions.stream().map(r -> pool.submit(CallerScope.wrap(() -> question.apply(r)))).toList();
            List<Answer<T>> answers = new ArrayList<>();
            for (int i = 0; i < regions.size(); i++) {
                answers.add(await(regions.get(i), futures.get(i)));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> Answer<T> await(String region, Future<T> future) {
        try {
            return new Answer<>(region, future.get(), null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UserFacingException) {
                return new Answer<>(region, null, cause.getMessage());
            }
            log.warn("Asking {} failed", region, cause);
            return new Answer<>(region, null, "failed unexpectedly (" + cause.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer<>(region, null, "interrupted");
        }
    }
}
