import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.global.GlobalSettings;
import com.github.tomakehurst.wiremock.http.UniformDistribution;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.deckhand.aws.costwatch.AwsLeakScanner;
import dev.deckhand.chat.Progress;
import dev.deckhand.costwatch.ReminderStore;
import dev.deckhand.costwatch.ScanResult;
import dev.deckhand.costwatch.ScanService;
import dev.deckhand.pricing.PriceTable;
import dev.deckhand.store.Database;
import dev.deckhand.testing.AwsStub;
import dev.deckhand.testing.LeakFixtures;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * Cost-scan benchmark: 17 regions x every leak kind against WireMock answering each call after a uniformly
 * random 100-200 ms. Prints, per scan, the wall time, the slowest single call WireMock served (its added delay
 * plus its own time), their ratio, and the AWS calls per scan. Run it as README's "Cost watch" section says;
 * arguments: scans (5), lowest and highest injected latency in ms (100 200).
 */
public final class CostScanBench {

    static final List<String> REGIONS = List.of("us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1",
            "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-north-1", "ap-south-1", "ap-northeast-1",
            "ap-northeast-2", "ap-northeast-3", "ap-southeast-1", "ap-southeast-2", "sa-east-1");

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    public static void main(String[] args) throws Exception {
        // Every call goes to one WireMock port: let the JDK keep more than its default 5 idle connections to
        // it, and give Jetty a deep accept queue, or the benchmark measures TCP connect storms instead.
        System.setProperty("http.maxConnections", "300");
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int minMs = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int maxMs = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        try (AwsStub aws = new AwsStub(options().dynamicPort().containerThreads(300).jettyAcceptQueueSize(1000).jettyAcceptors(4).asynchronousResponseEnabled(true)
                .asynchronousResponseThreads(50).notifier(new ConsoleNotifier(false)).stubRequestLoggingDisabled(true), 1)) {
            LeakFixtures.emptyEverywhere(aws);
            LeakFixtures.allKinds(aws, null, 1);
            Path dir = Files.createTempDirectory("deckhand-bench");
            try (Database db = Database.open(dir.resolve("bench.db"));
                 AwsLeakScanner scanner = AwsLeakScanner.create(aws.clients,
                         PriceTable.load(Path.of("config/prices.yml")), Clock.systemUTC(), "us-east-1")) {
                ScanService scans = new ScanService(scanner, REGIONS, Clock.systemUTC(), Duration.ofMinutes(10),
                        new ReminderStore(db));
                for (int i = 0; i < 20; i++) {
                    scans.scan(List.of(), true, Progress.NONE); // warm-up: SDK clients, JIT, connections
                }
                long base = System.nanoTime();
                scans.scan(List.of(), true, Progress.NONE);
                System.out.printf("baseline without injected latency: %d ms (SDK, WireMock and SQLite work on this machine)%n",
                        (System.nanoTime() - base) / 1_000_000);
                aws.server.updateGlobalSettings(GlobalSettings.builder()
                        .delayDistribution(new UniformDistribution(minMs, maxMs)).build());
                System.out.printf("%d regions, %d scans, %d-%d ms per call%n", REGIONS.size(), runs, minMs, maxMs);
                double worst = 0;
                List<Double> ratios = new java.util.ArrayList<>();
                for (int i = 1; i <= runs; i++) {
                    aws.server.resetRequests();
                    long cpu0 = cpu();
                    long start = System.nanoTime();
                    ScanResult result = scans.scan(List.of(), true, Progress.NONE);
                    long wallMs = (System.nanoTime() - start) / 1_000_000;
                    long cpuMs = (cpu() - cpu0) / 1_000_000;
                    List<ServeEvent> events = aws.server.getAllServeEvents();
                    int slowest = events.stream().mapToInt(e -> e.getTiming().getTotalTime()).max().orElse(0);
                    double ratio = (double) wallMs / slowest;
                    worst = Math.max(worst, ratio);
                    ratios.add(ratio);
                    System.out.printf(Locale.ROOT, "scan %d: %4d ms wall, slowest call %3d ms, ratio %.2f, %d AWS calls, "
                                    + "%d findings, $%s/month, %d failed regions, %d ms CPU (client + WireMock)%n", i, wallMs,
                            slowest, ratio, events.size(),
                            result.leaks().size(), result.total(), result.failures().size(), cpuMs);
                }
                java.util.Collections.sort(ratios);
                System.out.printf(Locale.ROOT, "median ratio %.2f, worst %.2f (target 1.5); load average %.1f on %d cores%n",
                        ratios.get(ratios.size() / 2), worst,
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                        Runtime.getRuntime().availableProcessors());
            }
        }
    }
}
