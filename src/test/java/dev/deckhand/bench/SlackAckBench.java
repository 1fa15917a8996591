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
        // Exit explicitly: the HTTP clients' pools and the bare Bolt app's dispatcher would keep the JVM up.
        try {
            measure(args);
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void measure(String[] args) throws Exception {
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
                int boltPort = BareBolt.start(slack);
                System.out.printf("Deckhand (Jetty front) on port %d, bare Bolt app (JDK HTTP server) on port %d; %d req/s for "
                                + "%d s each (+%d s warm-up), deferred command's AWS call answers after %d ms; %d cores, load %.1f%n",
                        adapter.port(), boltPort, rate, seconds, warmupSeconds, awsDelayMs,
                        Runtime.getRuntime().availableProcessors(), loadAverage());
                // Warm every target first, then measure them one after another in this same run.
                run(slack, boltPort, "/slack/events", "help", rate, warmupSeconds, "warm-bolt", null);
                run(slack, adapter.port(), "/slack/events", "help", rate, warmupSeconds, "warm-help", null);
                Result warm = run(slack, adapter.port(), "/slack/events", "bench", rate, warmupSeconds, "warm-bench", null);
                int before = awaitFollowUps(slack, warm.sent);
                Result bolt = run(slack, boltPort, "/slack/events", "help", rate, seconds, "bolt", null);
                bolt.print("bare Bolt app, ack only", 0);
                Result instant = run(slack, adapter.port(), "/slack/events", "help", rate, seconds, "help", null);
                instant.print("Deckhand instant (help, answered in the ack)", 0);
                java.util.List<Long> rss = new java.util.concurrent.CopyOnWriteArrayList<>();
                Result deferred = run(slack, adapter.port(), "/slack/events", "bench", rate, seconds, "run", rss);
                int followUps = awaitFollowUps(slack, before + deferred.sent) - before;
                deferred.print("Deckhand deferred (bench: ack, then one EC2 call)", followUps);
                System.out.printf("ratio p99/p99 vs bare Bolt: instant %.2f, deferred %.2f (target <= 1.5)%n",
                        instant.p99() / bolt.p99(), deferred.p99() / bolt.p99());
                System.out.printf("RSS of this JVM during the deferred phase (Deckhand + WireMock fakes + load generator + "
                        + "bare Bolt app): min %d MB, max %d MB; load %.1f%n", rss.stream().mapToLong(x -> x).min().orElse(-1),
                        rss.stream().mapToLong(x -> x).max().orElse(-1), loadAverage());
                healthzUnderStall(adapter.port(), 500, 200);
                System.out.printf("load average at the end %.1f%n", loadAverage());
            }
        }
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
        double p99() {
            long[] sorted = latenciesMicros.clone();
            Arrays.sort(sorted);
            return pct(sorted, 99);
        }

        void print(String label, int followUps) {
            long[] sorted = latenciesMicros.clone();
            Arrays.sort(sorted);
            System.out.printf("%s: requests %d, errors %d (busy answers %d), results at response_url %d%n",
                    label, sent, errors, busy, followUps);
            System.out.printf("  ack latency ms: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f%n",
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

    private static Result run(SlackStub slack, int port, String path, String text, int rate, int seconds, String prefix,
                              java.util.List<Long> rss) throws Exception {
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
                String body = slack.slashBody("UBENCH", "CBENCH", text, id);
                String ts = String.valueOf(Instant.now().getEpochSecond());
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .timeout(Duration.ofSeconds(5))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("X-Slack-Request-Timestamp", ts)
                        .header("X-Slack-Signature", slack.signature(ts, body))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                calls[i] = http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                    latencies.add((System.nanoTime() - scheduled) / 1000);
                    if (e != null || r.statusCode() != 200) {
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
            Thread.sleep(rss == null ? 50 : 1000); // the ticker does the sending; this waits (and samples RSS)
            if (rss != null) {
                rss.add(rssMb());
            }
        }
        ticker.shutdown();
        CompletableFuture.allOf(calls).exceptionally(e -> null).join();
        errorKinds.forEach(k -> System.out.println("  error: " + k));
        return new Result(total, latencies.stream().mapToLong(Long::longValue).toArray(), errors.get(), busy.get());
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
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

    /**
     * Opens {@code stalled} connections that send part of a request and stop, then times {@code probes} GET /healthz
     * one after another on fresh connections: p50/p99/max and how many stalled connections the server had closed.
     */
    private static void healthzUnderStall(int port, int stalled, int probes) throws Exception {
        java.util.List<java.net.Socket> sockets = new java.util.ArrayList<>();
        for (int i = 0; i < stalled; i++) {
            java.net.Socket socket = new java.net.Socket("localhost", port);
            socket.getOutputStream().write("POST /slack/events HTTP/1.1\r\nHost: x\r\nX-Slack-Req"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            sockets.add(socket);
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long[] micros = new long[probes];
        int errors = 0;
        for (int i = 0; i < probes; i++) {
            long start = System.nanoTime();
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/healthz"))
                        .timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    errors++;
                }
            } catch (java.io.IOException e) {
                errors++;
            }
            micros[i] = (System.nanoTime() - start) / 1000;
        }
        Arrays.sort(micros);
        int closed = 0;
        for (java.net.Socket socket : sockets) {
            socket.setSoTimeout(1);
            try {
                if (socket.getInputStream().read() == -1) {
                    closed++;
                }
            } catch (java.net.SocketTimeoutException stillOpen) {
                // still open: the server has not timed it out yet
            } catch (java.io.IOException reset) {
                closed++;
            }
            socket.close();
        }
        System.out.printf("/healthz with %d stalled connections open: %d probes, errors %d, p50 %.1f ms, p99 %.1f ms, "
                        + "max %.1f ms; stalled connections already closed by the server %d%n", stalled, probes, errors,
                Result.pct(micros, 50), Result.pct(micros, 99), micros[probes - 1] / 1000.0, closed);
    }
}
