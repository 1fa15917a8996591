package dev.deckhand.bench;

import dev.deckhand.store.Database;
import dev.deckhand.store.Deliveries;
import dev.deckhand.store.Leases;
import dev.deckhand.store.StoreTarget;
import dev.deckhand.testing.StoreBackend;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the store adds to the paths that use it with replicas: a Slack delivery's claim (on the
 * acknowledgement path), a lease renewal, each on SQLite (file in a temp folder) and on PostgreSQL
 * (embedded, on this machine). One thread, then 8 threads split over two {@link Database}s as two
 * replicas would, all claiming distinct keys plus every key a second time (the retry).
 *
 * <p>Run: {@code bench/store.sh [claims-per-thread]} (default 500).
 */
public final class StoreBench {

    private StoreBench() {
    }

    public static void main(String[] args) throws Exception {
        int perThread = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        Path temp = Files.createTempDirectory("store-bench");
        System.out.println("| store | case | operations | p50 | p99 | max | ops/s | duplicates run |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (StoreBackend backend : StoreBackend.values()) {
            StoreTarget target = backend.fresh(temp);
            try (Database a = Database.open(target); Database b = Database.open(target)) {
                Clock clock = Clock.systemUTC();
                warmUp(a, clock);
                report(backend, "claim, 1 thread", run(List.of(a), 1, perThread * 4, clock, "one"));
                report(backend, "claim, 8 threads / 2 replicas", run(List.of(a, b), 8, perThread, clock, "eight"));
                Leases leases = new Leases(a, clock);
                List<Long> renewals = new ArrayList<>();
                long start = System.nanoTime();
                for (int i = 0; i < perThread * 2; i++) {
                    long t = System.nanoTime();
                    leases.acquire("digest", "bench", Duration.ofSeconds(60));
                    renewals.add(System.nanoTime() - t);
                }
                report(backend, "lease renewal, 1 thread", new Result(renewals, System.nanoTime() - start, 0));
            }
        }
    }

    private record Result(List<Long> nanos, long wallNanos, int duplicatesRun) { }

    private static void warmUp(Database db, Clock clock) {
        Deliveries d = new Deliveries(db, clock);
        for (int i = 0; i < 300; i++) {
            d.claim("warm-" + i, Duration.ofMinutes(5));
        }
    }

    /** Each thread claims its own keys, then every key again (a retry): the second claims must all lose. */
    private static Result run(List<Database> replicas, int threads, int perThread, Clock clock, String prefix) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger duplicatesRun = new AtomicInteger();
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Deliveries deliveries = new Deliveries(replicas.get(t % replicas.size()), clock);
            Deliveries other = new Deliveries(replicas.get((t + 1) % replicas.size()), clock);
            int thread = t;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < perThread; i++) {
                    String key = prefix + ":" + thread + ":" + i;
                    long t0 = System.nanoTime();
                    deliveries.claim(key, Duration.ofMinutes(5));
                    nanos.add(System.nanoTime() - t0);
                    long t1 = System.nanoTime();
                    if (other.claim(key, Duration.ofMinutes(5))) {
                        duplicatesRun.incrementAndGet();
                    }
                    nanos.add(System.nanoTime() - t1);
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        return new Result(nanos, System.nanoTime() - start, duplicatesRun.get());
    }

    private static void report(StoreBackend backend, String what, Result r) {
        List<Long> sorted = new ArrayList<>(r.nanos());
        Collections.sort(sorted);
        double p50 = sorted.get(sorted.size() / 2) / 1e6;
        double p99 = sorted.get((int) (sorted.size() * 0.99)) / 1e6;
        double max = sorted.get(sorted.size() - 1) / 1e6;
        double opsPerSecond = sorted.size() / (r.wallNanos() / 1e9);
        System.out.printf("| %s | %s | %d | %.2f ms | %.2f ms | %.1f ms | %.0f | %d |%n", backend.name().toLowerCase(), what,
                sorted.size(), p50, p99, max, opsPerSecond, r.duplicatesRun());
    }
}
