package dev.deckhand.bench;

import dev.deckhand.access.Role;
import dev.deckhand.app.Deckhand;
import dev.deckhand.chat.Reply;
import dev.deckhand.command.CommandSpec;
import dev.deckhand.slack.SlackAdapter;
import dev.deckhand.slack.SlackSettings;
import dev.deckhand.slack.SlackStub;
import dev.deckhand.testing.AwsStub;
import dev.deckhand.testing.TestDeckhand;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ack-latency benchmark for the Slack HTTP endpoint: signed slash commands at a fixed rate, AWS
 * (EC2 DescribeInstances, answered after a delay) and Slack (Web API, response_url) behind WireMock.
 * Latency is measured from each request's <em>scheduled</em> send time, so a stalled server cannot
 * hide its backlog (no coordinated omission). Reports p50/p90/p99/max of the acknowledgement, errors,
 * and how many results later reached response_url (the AWS work happens after the ack).
 *
 * <p>Run: {@code bench/slack-ack.sh [rate-per-second] [seconds] [aws-delay-ms]} (defaults 200, 30, 50).
 */
public final class SlackAckBench {

    private SlackAckBench() {
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int awsDelayMs = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int warmupSeconds = 5;
        Path dir = Files.createTempDirectory("deckhand-bench");
        try (SlackStub slack = new SlackStub(false); AwsStub aws = new AwsStub()) {
            aws.server.stubFor(AwsStub.queryAction("DescribeInstances")
                    .willReturn(AwsStub.ec2Xml("DescribeInstances", "<reservationSet/>").withFixedDelay(awsDelayMs)));
            Clock clock = Clock.systemUTC();
            SlackSettings settings = new SlackSettings(0, "/deckhand", Set.of("help"), 16, Duration.ofSeconds(1),
                    Duration.ofMinutes(5), SlackStub.BOT_TOKEN, Optional.of(SlackStub.SIGNING_SECRET), Optional.empty());
            try (SlackAdapter adapter = SlackAdapter.create(settings, slack.slack, clock);
                 Deckhand deckhand = TestDeckhand.start(dir, aws.clients, clock, adapter.chatPort(), Map.of())) {
                deckhand.registry().register(CommandSpec.command("bench").usage("bench").description("Bench: one EC2 call")
                        .example("bench").role(Role.DEPLOYER).handledBy(c -> {
                            int n = deckhand.aws().ec2(c.region()).describeInstances().reservations().size();
                            return Reply.inChannel("Found " + n + " reservations in " + c.region() + ".");
                        }));
                TestDeckhand.run(deckhand, "console", "console", "grant UBENCH deployer");
                adapter.start(deckhand.router(), deckhand.checker(), deckhand::regionOf);
                System.out.printf("Deckhand on port %d; %d req/s for %d s (+%d s warm-up), AWS answers after %d ms, %d cores%n",
                        adapter.port(), rate, seconds, warmupSeconds, awsDelayMs, Runtime.getRuntime().availableProcessors());
                Result warm = run(slack, adapter.port(), rate, warmupSeconds, "warm");
                int before = awaitFollowUps(slack, warm.sent);
                var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
                long cpuBefore = os.getProcessCpuTime();
                Map<String, Long> threadsBefore = cpuByThreadGroup();
                Result result = run(slack, adapter.port(), rate, seconds, "run");
                int followUps = awaitFollowUps(slack, before + result.sent) - before;
                result.print(followUps);
                System.out.printf("CPU of the whole JVM (Deckhand + both WireMocks + load generator): %.2f ms per command; "
                                + "system load average at the end %.1f%n",
                        (os.getProcessCpuTime() - cpuBefore) / 1e6 / result.sent, os.getSystemLoadAverage());
                Map<String, Long> threadsAfter = cpuByThreadGroup();
                threadsAfter.forEach((group, nanos) -> System.out.printf("  CPU %-40s %.2f ms per command%n", group,
                        (nanos - threadsBefore.getOrDefault(group, 0L)) / 1e6 / result.sent));
            }
        }
        System.exit(0); // exec:java waits for every non-daemon thread (HTTP client pools) otherwise
    }

    /** CPU time so far of the live threads, grouped by what they do (from their names). */
    private static Map<String, Long> cpuByThreadGroup() {
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        Map<String, Long> groups = new java.util.TreeMap<>();
        for (long id : mx.getAllThreadIds()) {
            var info = mx.getThreadInfo(id);
            long cpu = mx.getThreadCpuTime(id);
            if (info == null || cpu < 0) {
                continue;
            }
            String name = info.getThreadName();
            String group = name.startsWith("deckhand-slack-http") ? "Deckhand ack path (HTTP threads)"
                    : name.startsWith("deckhand-slack-worker") ? "Deckhand after-ack work (workers)"
                    : name.startsWith("qtp") ? "WireMock (AWS + Slack fakes)"
                    : name.startsWith("bench-client") || name.startsWith("HttpClient") || name.startsWith("pool-")
                    ? "load generator" : "other (GC, JIT, OkHttp, ...)";
            groups.merge(group, cpu, Long::sum);
        }
        return groups;
    }

    /** Waits for the after-ack work to drain (not part of the measurement); returns the response_url posts seen. */
    private static int awaitFollowUps(SlackStub slack, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (slack.responseUrlPosts() < expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return slack.responseUrlPosts();
    }

    private record Result(int sent, long[] latenciesMicros, int errors, int busy) {
        void print(int followUps) {
            long[] sorted = latenciesMicros.clone();
            Arrays.sort(sorted);
            System.out.printf("requests %d, errors %d (busy answers %d), results at response_url %d%n",
                    sent, errors, busy, followUps);
            System.out.printf("ack latency ms: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f%n",
                    pct(sorted, 50), pct(sorted, 90), pct(sorted, 99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1000.0);
        }

        private static double pct(long[] sorted, int p) {
            if (sorted.length == 0) {
                return 0;
            }
            int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, i)] / 1000.0;
        }
    }

    private static Result run(SlackStub slack, int port, int rate, int seconds, String prefix) throws Exception {
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(8, r -> {
                    Thread t = new Thread(r, "bench-client");
                    t.setDaemon(true);
                    return t;
                }))
                .connectTimeout(Duration.ofSeconds(5)).build();
        int total = rate * seconds;
        long periodNanos = 1_000_000_000L / rate;
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger busy = new AtomicInteger();
        java.util.Set<String> errorKinds = java.util.concurrent.ConcurrentHashMap.newKeySet();
        AtomicInteger next = new AtomicInteger();
        CompletableFuture<?>[] calls = new CompletableFuture<?>[total];
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime();
        ticker.scheduleAtFixedRate(() -> {
            // Catch up if the ticker fell behind, so the offered rate stays fixed.
            long due = (System.nanoTime() - start) / periodNanos + 1;
            while (next.get() < Math.min(due, total)) {
                int i = next.getAndIncrement();
                long scheduled = start + i * periodNanos;
                String id = prefix + "-" + i;
                String body = slack.slashBody("UBENCH", "CBENCH", "bench", id);
                String ts = String.valueOf(Instant.now().getEpochSecond());
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/slack/events"))
                        .timeout(Duration.ofSeconds(5))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("X-Slack-Request-Timestamp", ts)
                        .header("X-Slack-Signature", slack.signature(ts, body))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                calls[i] = http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                    latencies.add((System.nanoTime() - scheduled) / 1000);
                    if (e != null || r.statusCode() != 200 || !r.body().contains("Working on")) {
                        errors.incrementAndGet();
                        String kind = e != null ? e.getClass().getSimpleName() + ": " + e.getMessage()
                                : "HTTP " + r.statusCode() + " " + r.body();
                        if (errorKinds.size() < 5) {
                            errorKinds.add(kind);
                        }
                        if (r != null && r.body().contains("busy")) {
                            busy.incrementAndGet();
                        }
                    }
                });
            }
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        while (next.get() < total) {
            Thread.sleep(50); // the ticker does the sending; this only waits for it to finish
        }
        ticker.shutdown();
        CompletableFuture.allOf(calls).exceptionally(e -> null).join();
        errorKinds.forEach(k -> System.out.println("  error: " + k));
        return new Result(total, latencies.stream().mapToLong(Long::longValue).toArray(), errors.get(), busy.get());
    }
}
