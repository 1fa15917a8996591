package dev.deckhand.costwatch;

import dev.deckhand.store.Database;
import dev.deckhand.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A region scanned only in part: its answer is the newest one, but not trusted to say what is gone. */
class PartialScanTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T09:00:00Z"));

    @TempDir
    Path temp;

    /** us-east-1: one volume, and (while {@code partial}) CloudWatch refused. */
    private static final class Scanner implements LeakScanner {
        final AtomicInteger asked = new AtomicInteger();
        volatile boolean partial = true;
        volatile boolean withVolume = true;
        volatile boolean failing;

        @Override
        public List<String> enabledRegions() {
            return List.of("us-east-1");
        }

        @Override
        public CompletableFuture<RegionOutcome> scan(String region) {
            asked.incrementAndGet();
            if (failing) {
                return CompletableFuture.completedFuture(new RegionOutcome.Failed(region, "AWS refused ec2:DescribeInstances"));
            }
            List<Leak> leaks = withVolume ? List.of(Leak.of(LeakKind.VOLUME, "vol-1", "", region, "alice",
                    Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-12-02T09:00:00Z"), "not attached",
                    new BigDecimal("8.00"), "")) : List.of();
            return CompletableFuture.completedFuture(new RegionOutcome.Scanned(region, leaks, Duration.ofMillis(10),
                    partial ? List.of("idleness of 1 running instance unknown (AWS refused cloudwatch:GetMetricData)") : List.of()));
        }
    }

    @Test
    void theNewestAnswerStandsInTheCache_aPartialOneReplacingAFullOne_andAFailureDroppingIt() {
        try (Database db = Database.open(temp.resolve("d.db"))) {
            Scanner scanner = new Scanner();
            scanner.partial = false;
            ScanService scans = new ScanService(scanner, List.of(), clock, Duration.ofMinutes(10), new ReminderStore(db));
            assertThat(scans.scan(List.of(), true, step -> { }).leaks()).hasSize(1);

            scanner.partial = true;
            scanner.withVolume = false; // gone, as far as the partial answer knows
            assertThat(scans.scan(List.of(), true, step -> { }).complete()).isFalse();
            ScanResult cached = scans.scan(List.of(), false, step -> { });
            assertThat(scanner.asked).as("a partial answer is cached too").hasValue(2);
            assertThat(cached.leaks()).as("the newer, partial answer, not the older full one").isEmpty();
            assertThat(cached.complete()).isFalse();

            scanner.failing = true;
            scans.scan(List.of(), true, step -> { });
            scanner.failing = false;
            scans.scan(List.of(), false, step -> { });
            assertThat(scanner.asked).as("after a failure nothing older is served: AWS is asked again").hasValue(4);
        }
    }

    @Test
    void aPartlyScannedRegion_doesNotForgetWhatItDidNotFind() {
        try (Database db = Database.open(temp.resolve("d.db"))) {
            Scanner scanner = new Scanner();
            scanner.partial = false;
            ReminderStore reminders = new ReminderStore(db);
            ScanService scans = new ScanService(scanner, List.of(), clock, Duration.ofMinutes(10), reminders);
            scans.scan(List.of(), true, step -> { });
            LeakKey key = new LeakKey("volume", "us-east-1", "vol-1");
            assertThat(reminders.find(key)).isPresent();

            scanner.withVolume = false;
            scanner.partial = true;
            clock.advance(Duration.ofMinutes(5)); // past the clock-skew allowance
            scans.scan(List.of(), true, step -> { });
            assertThat(reminders.find(key)).as("a partial answer does not show it gone").isPresent();

            scanner.partial = false;
            clock.advance(Duration.ofMinutes(5)); // past the clock-skew allowance
            scans.scan(List.of(), true, step -> { });
            assertThat(reminders.find(key)).as("a full answer without it does").isEmpty();
        }
    }

    @Test
    void anOlderAnswerArrivingLate_neverLandsOverANewerFailure() throws Exception {
        try (Database db = Database.open(temp.resolve("d.db"))) {
            CompletableFuture<RegionOutcome> slow = new CompletableFuture<>();
            AtomicInteger asked = new AtomicInteger();
            LeakScanner scanner = new LeakScanner() {
                @Override
                public List<String> enabledRegions() {
                    return List.of("us-east-1");
                }

                @Override
                public CompletableFuture<RegionOutcome> scan(String region) {
                    // The first ask is slow; the second fails at once.
                    return asked.incrementAndGet() == 1 ? slow
                            : CompletableFuture.completedFuture(new RegionOutcome.Failed(region, "AWS refused ec2:DescribeVolumes"));
                }
            };
            ScanService scans = new ScanService(scanner, List.of(), clock, Duration.ofMinutes(10), new ReminderStore(db));
            var older = java.util.concurrent.Executors.newSingleThreadExecutor();
            try {
                var first = older.submit(() -> scans.scan(List.of(), true, step -> { }));
                while (asked.get() == 0) {
                    Thread.sleep(5);
                }
                clock.advance(Duration.ofSeconds(30));
                assertThat(scans.scan(List.of(), true, step -> { }).failures()).hasSize(1);
                slow.complete(new RegionOutcome.Scanned("us-east-1", List.of(), Duration.ofSeconds(30)));
                first.get(5, java.util.concurrent.TimeUnit.SECONDS);

                scans.scan(List.of(), false, step -> { });
                assertThat(asked).as("the older answer did not replace the newer failure: AWS is asked again").hasValue(3);
            } finally {
                older.shutdownNow();
            }
        }
    }
}
