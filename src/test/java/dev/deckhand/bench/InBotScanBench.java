package dev.deckhand.bench;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import dev.deckhand.app.Deckhand;
import dev.deckhand.app.config.RateLimitsConfig;
import dev.deckhand.aws.AwsClients;
import dev.deckhand.aws.costwatch.AwsLeakScanner;
import dev.deckhand.chat.Progress;
import dev.deckhand.costwatch.IdleRules;
import dev.deckhand.costwatch.ReminderStore;
import dev.deckhand.costwatch.ScanResult;
import dev.deckhand.costwatch.ScanService;
import dev.deckhand.ec2.InstanceListings;
import dev.deckhand.pricing.PriceTable;
import dev.deckhand.ratelimit.CallBudget;
import dev.deckhand.store.Database;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * Issue 14's in-bot target: a fresh scan inside a running Deckhand, warm, over the regions of
 * {@code bench/cold-scan.sh} against the same WireMock fixtures (every kind the scanner reads, empty, each
 * answer after a fixed 150 ms), with the bot's own settings: the scan pool sized as {@code Deckhand} sizes it
 * (9 calls in flight per region: 342 here) and the default call budget (5 calls/s per account, region and
 * metered unit). The yardstick is two round trips (300 ms); the target 1.5x that (450 ms).
 *
 * <p>{@code InBotScanBench <regions,comma-separated> [scans] [concurrency, 0: as the bot sizes it] [budget] [endpoint]}, started by
 * {@code bench/in-bot-scan.sh}, which runs the fake AWS ({@link FixtureAwsServer} or WireMock) in a process of
 * its own and passes its URL as {@code endpoint}, and its pid as {@code -Dbench.awsPid}, so this JVM's CPU time
 * is the scanner's alone: it is printed per scan next to the wall time, the fake's CPU time and the live
 * threads. Without {@code endpoint} WireMock runs in this JVM (the first version).
 */
public final class InBotScanBench {

    private InBotScanBench() {
    }

    /**
     * CPU time the fake AWS's own process has used (user + system, from {@code /proc}), when the script passed its
     * pid as {@code bench.awsPid}; -1 without one. The kernel counts in clock ticks (10 ms on Linux).
     */
    static long awsCpuMillis() throws java.io.IOException {
        String pid = System.getProperty("bench.awsPid", "");
        if (pid.isEmpty()) {
            return -1;
        }
        String stat = Files.readString(Path.of("/proc", pid, "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime: fields 14 and 15 of stat
        return ticks * 10;
    }

    /** This JVM's resident memory (VmRSS), MB. */
    static long rssMb() throws java.io.IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024).findFirst().orElse(-1L);
    }

    public static void main(String[] args) throws Exception {
        List<String> regions = List.of(args[0].split(","));
        int scans = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int budget = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        int configured = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        // 0: as the bot sizes its pool for these regions and this budget
        int concurrency = Deckhand.scanConcurrency(new RateLimitsConfig(60, 10, budget, configured), regions.size());
        // Between measured scans: 1.1 s by default; over 30 s the pool's idle threads have ended and over 5 s
        // the JDK has closed the idle connections, as before a real fresh scan minutes after the last one.
        long gap = Long.getLong("bench.gapMillis", 1100);
        Optional<String> endpoint = args.length > 4 ? Optional.of(args[4]) : Optional.empty();
        // Every region's calls go to one host here, where AWS has one per region and service: keep-alive must
        // keep as many idle connections to it as AWS would across its hosts (the JDK keeps 5 per host).
        System.setProperty("http.maxConnections", "400");
        WireMockServer aws = endpoint.isPresent() ? null : new WireMockServer(options().dynamicPort()
                .usingFilesUnderDirectory("bench/cold-scan").containerThreads(400).jettyAcceptQueueSize(1000)
                .asynchronousResponseEnabled(true).asynchronousResponseThreads(100).notifier(new ConsoleNotifier(false))
                .disableRequestJournal());
        if (aws != null) {
            aws.start();
        }
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Path dir = Files.createTempDirectory("deckhand-inbot");
        try (AwsClients all = new AwsClients(new AwsClients.Settings(Optional.of(URI.create(endpoint.orElseGet(() -> aws.baseUrl()))),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDBENCH", "bench")), 3)
                .withBudget(new CallBudget(budget)));
             Database db = Database.open(dir.resolve("bench.db"))) {
            AwsClients clients = all.watching(regions, regions.get(0));
            PriceTable prices = PriceTable.load(Path.of("config/prices.yml"));
            try (AwsLeakScanner scanner = AwsLeakScanner.create(clients, prices, prices, Clock.systemUTC(), regions.get(0),
                    InstanceListings.none(Clock.systemUTC()), IdleRules.DEFAULTS, concurrency)) {
                ScanService service = new ScanService(scanner, regions, Clock.systemUTC(), Duration.ofMinutes(10),
                        new ReminderStore(db));
                System.out.printf("%d regions, 150 ms per call, scan pool %d, budget %d calls/s per unit; %d cores; fake AWS %s%n",
                        regions.size(), concurrency, budget, Runtime.getRuntime().availableProcessors(),
                        endpoint.map(url -> "at " + url).orElse("in this JVM (WireMock)"));
                for (int i = 0; i < 10; i++) {
                    service.scan(List.of(), true, Progress.NONE); // warm-up: clients, JIT, connections
                    Thread.sleep(1100); // let the budget's tokens come back, as between two real scans
                }
                long[] wall = new long[scans];
                long[] cpu = new long[scans];
                long[] awsCpu = new long[scans];
                for (int i = 0; i < scans; i++) {
                    long cpuStart = os.getProcessCpuTime();
                    long awsStart = awsCpuMillis();
                    long start = System.nanoTime();
                    ScanResult result = service.scan(List.of(), true, Progress.NONE);
                    wall[i] = (System.nanoTime() - start) / 1_000_000;
                    cpu[i] = (os.getProcessCpuTime() - cpuStart) / 1_000_000;
                    awsCpu[i] = awsStart < 0 ? -1 : awsCpuMillis() - awsStart;
                    System.out.printf("scan %d: %d ms, cpu %d ms (fake AWS %s), %d threads, RSS %d MB, %d regions scanned, %d failed%n",
                            i + 1, wall[i], cpu[i], awsCpu[i] < 0 ? "in this JVM" : awsCpu[i] + " ms", threads.getThreadCount(), rssMb(),
                            result.regions().size() - result.failures().size(), result.failures().size());
                    Thread.sleep(gap);
                }
                long[] sorted = wall.clone();
                Arrays.sort(sorted);
                long[] cpuSorted = cpu.clone();
                Arrays.sort(cpuSorted);
                long[] awsSorted = awsCpu.clone();
                Arrays.sort(awsSorted);
                long awsMedian = awsSorted[awsSorted.length / 2];
                System.out.printf("median %d ms, best %d ms, worst %d ms; cpu median %d ms (this JVM, all threads), "
                                + "fake AWS %s; yardstick 300 ms (two round trips), target 450 ms%n",
                        sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1], cpuSorted[cpuSorted.length / 2],
                        awsMedian < 0 ? "in this JVM" : awsMedian + " ms");
            }
        } finally {
            if (aws != null) {
                aws.stop();
            }
        }
    }
}
