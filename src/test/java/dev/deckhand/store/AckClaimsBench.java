package dev.deckhand.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Issue 10: the store's share of a Slack acknowledgement. Each acknowledged request claims two keys
 * (its replay key, kept 630 s, and its delivery key, 60 s) and every 500th purges expired keys, as
 * {@code Deckhand.deliveryGuard} does; requests arrive at a fixed rate from four threads. Side by side in
 * one run, on fresh SQLite files: the store as shipped ({@link WalCheckpointer} copies the log back on
 * its own thread) and the yardstick, SQLite's default (the commit past 1000 log pages checkpoints, on the
 * committing thread), which is how the store ran before. In this package because the yardstick needs
 * the package's way to open the store without its checkpoint thread.
 *
 * <p>Run: {@code bench/ack-claims.sh [requests-per-second] [seconds]} (default 200 30).
 */
final class AckClaimsBench {

    private AckClaimsBench() {
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Path temp = Files.createTempDirectory("ack-claims");
        System.out.printf("%d requests/s for %d s, two claims each; latency of the pair, first third dropped as warm-up%n",
                rate, seconds);
        for (int round = 1; round <= 2; round++) {
            try (Database yardstick = Database.open(StoreTarget.sqlite(temp.resolve("default-" + round + ".db")),
                    Database.SQLITE_BUSY_TIMEOUT, Database.RETRY_FOR, Duration.ofDays(1))) {
                yardstick.read(c -> {
                    try (Statement s = c.createStatement()) {
                        return s.execute("PRAGMA wal_autocheckpoint=1000"); // SQLite's default
                    }
                });
                report("SQLite default (writer checkpoints)", run(yardstick, rate, seconds));
            }
            try (Database shipped = Database.open(temp.resolve("shipped-" + round + ".db"))) {
                report("Deckhand store (checkpoint thread)", run(shipped, rate, seconds));
            }
        }
    }

    private static long[] run(Database db, int rate, int seconds) throws InterruptedException {
        Deliveries deliveries = new Deliveries(db, Clock.systemUTC());
        long[] nanos = new long[rate * seconds];
        ScheduledExecutorService threads = Executors.newScheduledThreadPool(4);
        CountDownLatch done = new CountDownLatch(nanos.length);
        long start = System.nanoTime() + 50_000_000L;
        for (int i = 0; i < nanos.length; i++) {
            int n = i;
            threads.schedule(() -> {
                long t = System.nanoTime();
                deliveries.claim("replay:" + UUID.randomUUID(), Duration.ofSeconds(630));
                deliveries.claim("chat:command:T1:" + UUID.randomUUID(), Duration.ofSeconds(60));
                if (n % 500 == 0) {
                    deliveries.purgeExpired();
                }
                nanos[n] = System.nanoTime() - t;
                done.countDown();
            }, start + (long) n * 1_000_000_000L / rate - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        done.await();
        threads.shutdown();
        return Arrays.copyOfRange(nanos, nanos.length / 3, nanos.length);
    }

    private static void report(String label, long[] nanos) {
        Arrays.sort(nanos);
        System.out.printf("%-38s n=%d  p50 %6.2f ms  p99 %6.2f ms  p99.9 %6.2f ms  max %6.2f ms%n", label, nanos.length,
                ms(nanos[nanos.length / 2]), ms(nanos[nanos.length * 99 / 100]), ms(nanos[nanos.length * 999 / 1000]),
                ms(nanos[nanos.length - 1]));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
