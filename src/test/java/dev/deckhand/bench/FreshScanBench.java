package dev.deckhand.bench;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.deckhand.app.Deckhand;
import dev.deckhand.aws.AwsClients;
import dev.deckhand.aws.costwatch.AwsLeakScanner;
import dev.deckhand.chat.Progress;
import dev.deckhand.chat.Reply;
import dev.deckhand.costwatch.ReminderStore;
import dev.deckhand.costwatch.ScanService;
import dev.deckhand.pricing.PriceTable;
import dev.deckhand.ratelimit.CallBudget;
import dev.deckhand.store.Database;
import dev.deckhand.testing.RecordingChatPort;
import dev.deckhand.testing.TestDeckhand;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;


/**
 * Issue 17's benchmark: {@code leaks --fresh} {@code rate} times a second for {@code seconds}, by 20 users in
 * turn, against WireMock answering 17 regions x every kind after {@code latency} ms; AWS calls per second,
 * live threads and resident memory (VmRSS) sampled every second. Two phases in one run, on 8 workers (as
 * {@code slack.workers}): first Deckhand through its router (single flight, fresh quota, AWS call budget,
 * bounded scan pool), then the yardstick: every request a fresh {@link ScanService#scan} on the old
 * 256-thread scan pool without a budget (what {@code leaks --fresh} did before issue 17).
 *
 * <p>Run: {@code bench/fresh-scans.sh [seconds] [rate] [latency-ms] [budget]} (defaults 100 5 100 5).
 */
public final class FreshScanBench {

    static final List<String> REGIONS = List.of("us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1",
            "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-north-1", "ap-south-1", "ap-northeast-1",
            "ap-northeast-2", "ap-northeast-3", "ap-southeast-1", "ap-southeast-2", "sa-east-1");

    /** Counts what WireMock served, per second of the run; the request journal is off (it would grow). */
    static final class CallCounter implements ServeEventListener {
        final AtomicLong served = new AtomicLong();

        @Override
        public void afterComplete(ServeEvent serveEvent, Parameters parameters) {
            served.incrementAndGet();
        }

        @Override
        public String getName() {
            return "call-counter";
        }
    }

    private FreshScanBench() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("http.maxConnections", "300");
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int latency = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        int budget = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        URI endpoint = URI.create(args[4]);
        Path countFile = Path.of(args[5]);
        LongSupplier served = () -> {
            try {
                return Long.parseLong(Files.readString(countFile).trim());
            } catch (java.io.IOException | NumberFormatException e) {
                return -1;
            }
        };
        Path temp = Files.createTempDirectory("fresh-bench");
        System.out.printf("%d s, %d leaks --fresh per second by 20 users, %d regions, %d ms per AWS call, budget %d "
                        + "calls/s per region and metered unit; WireMock in its own process (RSS and threads below are this JVM's only); "
                        + "max heap %d MB; %d cores, load average %.1f at start%n%n", seconds, rate, REGIONS.size(),
                latency, budget, Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test-secret"));
        try (AwsClients budgeted = new AwsClients(new AwsClients.Settings(Optional.of(endpoint), credentials, 1)
                .withBudget(new CallBudget(budget)));
             Deckhand deckhand = TestDeckhand.start(temp.resolve("gated"), budgeted, Clock.systemUTC(),
                     new RecordingChatPort(), Map.of("DECKHAND_AWS_REGIONS", String.join(",", REGIONS),
                             "DECKHAND_RATE_LIMITS_AWS_CALLS_PER_SECOND", String.valueOf(budget)))) {
            TestDeckhand.run(deckhand, "U0WARM", "C0BENCH", "leaks --fresh"); // warm-up: classes, JIT, connections
            phase("Deckhand (issue 17)", seconds, rate, served, user -> {
                Reply r = TestDeckhand.run(deckhand, user, "C0BENCH", "leaks --fresh");
                if (!r.header().startsWith("Cost leaks")) {
                    throw new IllegalStateException(r.plainText());
                }
            });
        }
        if (args.length > 6 && args[6].equals("--yardstick")) {
            try (Database db = Database.open(temp.resolve("yardstick.db"));
                 AwsClients unbudgeted = new AwsClients(new AwsClients.Settings(Optional.of(endpoint), credentials, 1));
                 AwsLeakScanner scanner = AwsLeakScanner.create(unbudgeted, PriceTable.load(Path.of("config/prices.yml")),
                         Clock.systemUTC(), "us-east-1")) {
                ScanService scans = new ScanService(scanner, REGIONS, Clock.systemUTC(), Duration.ofMinutes(10),
                        new ReminderStore(db));
                scans.scan(List.of(), true, Progress.NONE); // warm-up
                phase("yardstick: every --fresh scans, 256 threads, no budget", seconds, rate, served,
                        user -> scans.scan(List.of(), true, Progress.NONE));
            }
        }
    }

    private static void phase(String name, int seconds, int rate, LongSupplier counter, Consumer<String> request)
            throws Exception {
        System.out.println("## " + name);
        System.out.println("| s | AWS calls/s | threads | RSS MB | heap used MB | answered | waiting |");
        System.out.println("|---|---|---|---|---|---|---|");
        AtomicInteger n = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(8, r -> new Thread(r, "bench-worker-" + n.incrementAndGet()));
        ScheduledExecutorService ticker = Executors.newScheduledThreadPool(1, r -> new Thread(r, "bench-ticker"));
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ticker.scheduleAtFixedRate(() -> {
            String user = "U0USER" + sent.incrementAndGet() % 20;
            workers.submit(() -> {
                try {
                    request.accept(user);
                    answered.incrementAndGet();
                } catch (RuntimeException e) {
                    failed.incrementAndGet();
                }
            });
        }, 0, 1000 / rate, TimeUnit.MILLISECONDS);
        List<long[]> samples = new ArrayList<>();
        long calls0 = counter.getAsLong();
        long last = calls0;
        long begin = System.nanoTime();
        for (int s = 1; s <= seconds; s++) {
            // Wall-clock seconds: sampling under load must not stretch the phase (the ticker keeps its rate).
            long due = begin + s * 1_000_000_000L - System.nanoTime();
            if (due > 0) {
                Thread.sleep(due / 1_000_000);
            }
            long now = counter.getAsLong();
            long[] sample = {s, now - last, ManagementFactory.getThreadMXBean().getThreadCount(), rssMb(), answered.get(),
                    sent.get() - answered.get() - failed.get(), heapUsedMb()};
            last = now;
            samples.add(sample);
            if (s % 5 == 0 || s <= 3) {
                System.out.printf("| %d | %d | %d | %d | %d | %d | %d |%n", sample[0], sample[1], sample[2], sample[3],
                        sample[6], sample[4], sample[5]);
            }
        }
        ticker.shutdownNow();
        workers.shutdownNow();
        workers.awaitTermination(30, TimeUnit.SECONDS);
        long total = counter.getAsLong() - calls0;
        System.out.printf("%nsent %d, answered %d, failed %d, still waiting %d; AWS calls %d (%.1f/s, busiest second %d); "
                        + "threads max %d; heap used max %d MB; RSS max %d MB%n%n", sent.get(), answered.get(), failed.get(),
                sent.get() - answered.get() - failed.get(), total, (double) total / seconds,
                samples.stream().mapToLong(x -> x[1]).max().orElse(0), samples.stream().mapToLong(x -> x[2]).max().orElse(0),
                samples.stream().mapToLong(x -> x[6]).max().orElse(0), samples.stream().mapToLong(x -> x[3]).max().orElse(0));
        Thread.sleep(2000); // let the last answers of the phase leave WireMock before the next
    }

    private static long heapUsedMb() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
    }

    private static long rssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (java.io.IOException e) {
            return -1;
        }
        return -1;
    }
}
