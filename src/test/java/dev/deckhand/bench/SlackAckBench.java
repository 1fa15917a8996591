package dev.deckhand.bench;

import dev.deckhand.slack.SlackStub;
import dev.deckhand.testing.AwsStub;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
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
 * <p>Deckhand runs in its own JVM ({@link SlackAckDeckhand}, options from {@code DECKHAND_JAVA_OPTS}, default
 * {@code -Xmx128m}), so the resident memory and the CPU per request printed for it are Deckhand's alone; the Slack
 * and AWS fakes, the load generator and the bare Bolt yardstick share this JVM. The load generator's own lag
 * (how late each request left) is printed next to each phase: when it is large, the bench, not the server,
 * fell behind.
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
        try (SlackStub slack = new SlackStub(false); AwsStub aws = new AwsStub()) {
            aws.server.stubFor(AwsStub.queryAction("DescribeInstances")
                    .willReturn(AwsStub.ec2Xml("DescribeInstances", "<reservationSet/>").withFixedDelay(awsDelayMs)));
            String deckhandOpts = System.getenv().getOrDefault("DECKHAND_JAVA_OPTS", "-Xmx128m");
            Process deckhand = startDeckhand(deckhandOpts, aws.server.baseUrl(), slack.server.baseUrl() + "/api/");
            try {
                int port = awaitReady(deckhand);
                int boltPort = BareBolt.start(slack, URI.create(aws.server.baseUrl()));
                System.out.printf("Deckhand (Jetty front) on port %d in its own JVM (pid %d, %s), wired as Main wires it "
                                + "(delivery and replay keys in the SQLite store); bare Bolt app (JDK HTTP server, TCP_NODELAY) "
                                + "on port %d, Slack and AWS fakes and the load generator in this JVM; %d req/s for %d s each "
                                + "(+%d s warm-up), deferred command's AWS call answers after %d ms; %d cores, load %.1f%n",
                        port, deckhand.pid(), deckhandOpts, boltPort, rate, seconds, warmupSeconds, awsDelayMs,
                        Runtime.getRuntime().availableProcessors(), loadAverage());
                // Warm every target first, then measure them one after another in this same run.
                run(slack, boltPort, "help", rate, warmupSeconds, "warm-bolt", null, -1);
                run(slack, port, "help", rate, warmupSeconds, "warm-help", null, -1);
                Result warm = run(slack, port, "bench", rate, warmupSeconds, "warm-bench", null, -1);
                Result warmWork = run(slack, boltPort, "bench", rate, warmupSeconds, "warm-bolt-bench", null, -1);
                int before = awaitFollowUps(slack, warm.sent + warmWork.sent);
                long[] cpu = cpuMillis(deckhand.pid());
                Result bolt = run(slack, boltPort, "help", rate, seconds, "bolt", null, -1);
                bolt.print("bare Bolt app, ack only", 0);
                cpu = printCpu(deckhand.pid(), cpu, bolt.sent);
                Result instant = run(slack, port, "help", rate, seconds, "help", null, -1);
                instant.print("Deckhand instant (help, answered in the ack)", 0);
                cpu = printCpu(deckhand.pid(), cpu, instant.sent);
                Result boltWork = run(slack, boltPort, "bench", rate, seconds, "bolt-bench", null, -1);
                int boltFollowUps = awaitFollowUps(slack, before + boltWork.sent) - before;
                before += boltFollowUps;
                boltWork.print("bare Bolt app, ack + the same after-ack work (one EC2 call, ctx.respond)", boltFollowUps);
                cpu = printCpu(deckhand.pid(), cpu, boltWork.sent);
                java.util.List<Long> rss = new java.util.concurrent.CopyOnWriteArrayList<>();
                Result deferred = run(slack, port, "bench", rate, seconds, "run", rss, deckhand.pid());
                int followUps = awaitFollowUps(slack, before + deferred.sent) - before;
                deferred.print("Deckhand deferred (bench: ack, then one EC2 call)", followUps);
                printCpu(deckhand.pid(), cpu, deferred.sent);
                System.out.printf("ratio p99/p99 vs bare Bolt acking only: instant %.2f, deferred %.2f (target <= 1.5)%n",
                        instant.p99() / bolt.p99(), deferred.p99() / bolt.p99());
                System.out.printf("ratio p99/p99 of the deferred command vs bare Bolt doing the same after-ack work: %.2f%n",
                        deferred.p99() / boltWork.p99());
                System.out.printf("RSS of the Deckhand JVM (%s) during the deferred phase: min %d MB, max %d MB "
                                + "(target < 256 MB); load %.1f%n", deckhandOpts,
                        rss.stream().mapToLong(x -> x).min().orElse(-1), rss.stream().mapToLong(x -> x).max().orElse(-1),
                        loadAverage());
                healthzUnderStall(port, 500, 200);
                printDeckhandLog();
                System.out.printf("load average at the end %.1f%n", loadAverage());
            } finally {
                deckhand.destroy();
                deckhand.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Deckhand in its own JVM ({@link SlackAckDeckhand}), on this JVM's class path. */
    private static Process startDeckhand(String javaOpts, String awsUrl, String slackApiUrl) throws java.io.IOException {
        java.util.List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(javaOpts.trim().split("\\s+")));
        command.addAll(java.util.List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), SlackAckDeckhand.class.getName(), awsUrl, slackApiUrl));
        // Its log (a line per 503 or refused command under overload) goes to a file; the bench counts it at the end.
        return new ProcessBuilder(command).redirectError(DECKHAND_LOG.toFile()).start();
    }

    private static final Path DECKHAND_LOG = Path.of("target", "slack-ack-deckhand.log");

    /** Counts the warnings in Deckhand's log: 503 busy answers and commands refused with a full worker queue. */
    private static void printDeckhandLog() throws java.io.IOException {
        java.util.List<String> lines = Files.readAllLines(DECKHAND_LOG);
        System.out.printf("Deckhand's log (%s): %d WARN lines, of which 503 busy (every request permit taken) %d, worker queue "
                        + "full (command refused with a busy ack) %d, over the whole run including warm-up%n", DECKHAND_LOG,
                lines.stream().filter(l -> l.contains(" WARN ")).count(),
                lines.stream().filter(l -> l.contains("answered 503")).count(),
                lines.stream().filter(l -> l.contains("Worker queue full")).count());
    }

    /** Reads Deckhand's {@code ready <port>}; then keeps draining its output so it never blocks on a full pipe. */
    private static int awaitReady(Process deckhand) throws java.io.IOException {
        var out = new java.io.BufferedReader(new java.io.InputStreamReader(deckhand.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("ready ")) {
                Thread drain = new Thread(() -> out.lines().forEach(System.out::println), "deckhand-output");
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(line.substring(6).trim());
            }
            System.out.println(line);
        }
        throw new IllegalStateException("Deckhand's JVM exited before it was ready");
    }

    /** Linux reports process CPU in clock ticks of 1/100 s (USER_HZ). */
    private static final long CLOCK_TICKS = 100;

    /** CPU ms (user + system) so far: {Deckhand's JVM, this JVM}. */
    private static long[] cpuMillis(long deckhandPid) {
        return new long[]{processCpuMillis(String.valueOf(deckhandPid)), processCpuMillis("self")};
    }

    private static long processCpuMillis(String pid) {
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1000 / CLOCK_TICKS;
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Prints CPU ms per request since {@code before} for Deckhand's JVM and this one; returns the new totals. */
    private static long[] printCpu(long deckhandPid, long[] before, int requests) {
        long[] now = cpuMillis(deckhandPid);
        System.out.printf("  CPU ms per request: Deckhand JVM %.2f, bench JVM (fakes, load generator, bare Bolt) %.2f%n",
                (now[0] - before[0]) / (double) requests, (now[1] - before[1]) / (double) requests);
        return now;
    }

    /** Waits for the after-ack work to drain (not part of the measurement); returns the response_url posts seen. */
    private static int awaitFollowUps(SlackStub slack, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (slack.responseUrlPosts() < expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return slack.responseUrlPosts();
    }

    private record Result(int sent, long[] latenciesMicros, int errors, int busy, long[] lagMicros) {
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
            long[] lags = lagMicros.clone();
            Arrays.sort(lags);
            System.out.printf("  load generator lag ms (request sent after its scheduled time; part of the latency above): "
                    + "p99 %.1f  max %.1f%n", pct(lags, 99), lags.length == 0 ? 0 : lags[lags.length - 1] / 1000.0);
        }

        private static double pct(long[] sorted, int p) {
            if (sorted.length == 0) {
                return 0;
            }
            int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, i)] / 1000.0;
        }
    }

    /**
     * Sends {@code rate} signed {@code /deckhand text} per second for {@code seconds}; when {@code rss} is given, samples
     * the resident memory of process {@code rssPid} into it every second.
     */
    private static Result run(SlackStub slack, int port, String text, int rate, int seconds, String prefix,
                              java.util.List<Long> rss, long rssPid) throws Exception {
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(8, r -> {
                    Thread t = new Thread(r, "bench-client");
                    t.setDaemon(true);
                    return t;
                }))
                .connectTimeout(Duration.ofSeconds(5)).build();
        int total = rate * seconds;
        long periodNanos = 1_000_000_000L / rate;
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        // How late each request left this JVM: large values mean the load generator, not the server, fell behind.
        ConcurrentLinkedQueue<Long> lags = new ConcurrentLinkedQueue<>();
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
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/slack/events"))
                        .timeout(Duration.ofSeconds(5))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("X-Slack-Request-Timestamp", ts)
                        .header("X-Slack-Signature", slack.signature(ts, body))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                lags.add((System.nanoTime() - scheduled) / 1000);
                calls[i] = http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                    latencies.add((System.nanoTime() - scheduled) / 1000);
                    if (r != null && r.body().contains("busy")) {
                        busy.incrementAndGet(); // a 503, or an ack saying the workers' queue is full (nothing ran)
                    }
                    if (e != null || r.statusCode() != 200) {
                        errors.incrementAndGet();
                        String kind = e != null ? e.getClass().getSimpleName() + ": " + e.getMessage()
                                : "HTTP " + r.statusCode() + " " + r.body();
                        if (errorKinds.size() < 5) {
                            errorKinds.add(kind);
                        }
                    }
                });
            }
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        while (next.get() < total) {
            Thread.sleep(rss == null ? 50 : 1000); // the ticker does the sending; this waits (and samples RSS)
            if (rss != null) {
                rss.add(rssMb(rssPid));
            }
        }
        ticker.shutdown();
        // The last tick may still be filling calls[] after next reached total: wait for it, or allOf sees nulls.
        if (!ticker.awaitTermination(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the request ticker did not stop");
        }
        CompletableFuture.allOf(calls).exceptionally(e -> null).join();
        errorKinds.forEach(k -> System.out.println("  error: " + k));
        return new Result(total, latencies.stream().mapToLong(Long::longValue).toArray(), errors.get(), busy.get(),
                lags.stream().mapToLong(Long::longValue).toArray());
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static long rssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
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
