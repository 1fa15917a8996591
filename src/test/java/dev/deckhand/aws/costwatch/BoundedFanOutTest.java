package dev.deckhand.aws.costwatch;

import com.github.tomakehurst.wiremock.global.GlobalSettings;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.deckhand.chat.Progress;
import dev.deckhand.costwatch.ReminderStore;
import dev.deckhand.costwatch.ScanResult;
import dev.deckhand.costwatch.ScanService;
import dev.deckhand.ec2.InstanceListings;
import dev.deckhand.pricing.PriceTable;
import dev.deckhand.store.Database;
import dev.deckhand.testing.LeakFixtures;
import dev.deckhand.testing.MutableClock;
import dev.deckhand.testing.SharedAws;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scan's fan-out is bounded (issue 17): however many regions and scans, no more than the configured
 * number of AWS calls are in flight at once (measured at WireMock) and no more scan threads exist.
 */
class BoundedFanOutTest {

    private static final List<String> REGIONS = List.of("us-east-1", "eu-west-1", "eu-west-2", "ap-south-1",
            "ap-northeast-2", "sa-east-1");

    @TempDir
    Path temp;

    @RegisterExtension
    static final SharedAws sharedAws = new SharedAws(1, aws -> {
        LeakFixtures.emptyEverywhere(aws);
        LeakFixtures.allKinds(aws, null, 1);
    });

    @Test
    void repeatedScansOfManyRegions_keepAtMostTheConfiguredCallsInFlight_andAsManyThreads() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
        sharedAws.stub().server.updateGlobalSettings(GlobalSettings.builder().fixedDelay(50).build());
        int threadsBefore = scanThreads();
        try (Database db = Database.open(temp.resolve("d.db"));
             AwsLeakScanner scanner = boundedTo4(sharedAws.stub().clients, PriceTable.load(Path.of("config/prices.yml")), clock)) {
            ScanService scans = new ScanService(scanner, REGIONS, clock, Duration.ofMinutes(10), new ReminderStore(db));
            int mostThreads = 0;
            for (int i = 0; i < 3; i++) {
                ScanResult result = scans.scan(List.of(), true, Progress.NONE);
                assertThat(result.failures()).isEmpty();
                mostThreads = Math.max(mostThreads, scanThreads() - threadsBefore);
            }

            List<ServeEvent> calls = sharedAws.stub().server.getAllServeEvents();
            assertThat(calls).hasSizeGreaterThan(3 * REGIONS.size() * 6);
            assertThat(mostInFlight(calls)).isLessThanOrEqualTo(4);
            assertThat(mostThreads).isLessThanOrEqualTo(4);
        } finally {
            sharedAws.stub().server.updateGlobalSettings(GlobalSettings.builder().build());
        }
    }

    private static int scanThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("costwatch-scan-") && t.isAlive()).count();
    }

    /** The most requests WireMock was serving at one moment (arrival to answer, its added delay included). */
    private static int mostInFlight(List<ServeEvent> events) {
        List<long[]> edges = new ArrayList<>();
        for (ServeEvent e : events) {
            long start = e.getRequest().getLoggedDate().getTime();
            edges.add(new long[] {start, 1});
            edges.add(new long[] {start + e.getTiming().getTotalTime(), -1});
        }
        edges.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int now = 0;
        int most = 0;
        for (long[] edge : edges) {
            now += (int) edge[1];
            most = Math.max(most, now);
        }
        return most;
    }

    private static AwsLeakScanner boundedTo4(dev.deckhand.aws.AwsClients clients, PriceTable prices, java.time.Clock clock) {
        return AwsLeakScanner.create(clients, prices, prices, clock, "us-east-1", InstanceListings.none(clock),
                dev.deckhand.costwatch.IdleRules.DEFAULTS, 4);
    }
}
