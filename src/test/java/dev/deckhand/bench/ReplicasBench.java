package dev.deckhand.bench;

import dev.deckhand.app.Deckhand;
import dev.deckhand.chat.ChatPort;
import dev.deckhand.chat.Reply;
import dev.deckhand.store.SqliteGrantStore;
import dev.deckhand.testing.AwsStub;
import dev.deckhand.testing.EmbeddedPostgresServer;
import dev.deckhand.testing.TestDeckhand;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whole Deckhands through the command router, side by side: one Deckhand on SQLite against two
 * Deckhands (replicas) on one embedded PostgreSQL, from N threads, each thread in its own channel.
 * <ul>
 *   <li>reads: {@code region} and {@code whoami}, alternately;</li>
 *   <li>planned changes: {@code region eu-west-1} / {@code region us-east-1} by an admin, applied at once
 *       (a plan, the policy, the setting written, an audit row, the change counter bumped);</li>
 *   <li>approvals: with {@code DECKHAND_APPROVALS_ACTIONS=region}, one admin's {@code region X} is held and
 *       another admin's {@code approve <id>} runs it; with two replicas the request goes to one and the
 *       approval to the other. Afterwards the audit table is asked how often each approved request ran.</li>
 * </ul>
 * With two replicas, consecutive operations of a thread alternate between them. No AWS is called (the
 * watched regions are configured; WireMock stands in for AWS anyway). Reports ops/s (wall clock, all
 * threads) and per-operation p50/p99/max as a markdown table.
 *
 * <p>Run: {@code bench/replicas.sh [threads] [seconds-per-case]} (defaults 8, 4; plus 1 s warm-up per case).
 */
public final class ReplicasBench {

    private static final Pattern REQUEST_ID = Pattern.compile("\\(request ([a-z0-9]{8})\\)");
    private static final String[] REGIONS = {"eu-west-1", "us-east-1"};

    private ReplicasBench() {
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        Path temp = Files.createTempDirectory("replicas-bench");
        System.out.printf("%d threads, %d s per case after a 1 s warm-up, %d cores, load average at start %.1f%n%n",
                threads, seconds, Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        List<String> rows = new ArrayList<>();
        try (AwsStub aws = new AwsStub()) {
            for (boolean postgres : new boolean[] {false, true}) {
                String store = postgres ? "postgresql, 2 replicas" : "sqlite, 1 replica";
                try (Setup s = Setup.start(aws, temp, postgres, false)) {
                    rows.add(row(store, "read: `region` / `whoami`",
                            measure(s, threads, seconds, "read", ReplicasBench::read)) + " — |");
                    rows.add(row(store, "planned change: `region X` (admin)",
                            measure(s, threads, seconds, "change", ReplicasBench::change)) + " — |");
                }
                try (Setup s = Setup.start(aws, temp, postgres, true)) {
                    Result approvals = measure(s, threads, seconds, "approval", ReplicasBench::approval);
                    Executions ran = executions(s.replicas.get(0));
                    rows.add(row(store, "approval: `region X` held + `approve` by another admin", approvals)
                            + String.format(" %d approved, %d ran once, %d more than once, %d never |",
                            s.approved.get(), ran.once, ran.more, s.approved.get() - ran.once - ran.more));
                }
            }
        }
        System.out.println("| store | operation | operations | errors | ops/s | p50 | p99 | max | approvals run exactly once |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
        System.out.printf("%nload average at the end %.1f%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.exit(0); // exec:java waits for every non-daemon thread (HTTP client pools) otherwise
    }

    /** One operation of a thread: returns whether its reply was the expected one; may add to the setup's counters. */
    private interface Op {
        boolean run(Setup s, int thread, long i, String channel);
    }

    private static Deckhand replica(Setup s, int thread, long i) {
        return s.replicas.get((int) ((thread + i) % s.replicas.size()));
    }

    private static boolean read(Setup s, int thread, long i, String channel) {
        Deckhand d = replica(s, thread, i);
        if (i % 2 == 0) {
            return TestDeckhand.run(d, "U_READER", channel, "region").body().startsWith("This channel works in");
        }
        return TestDeckhand.run(d, "U_READER", channel, "whoami").plainText().contains("U_READER");
    }

    private static boolean change(Setup s, int thread, long i, String channel) {
        Reply r = TestDeckhand.run(replica(s, thread, i), "U_BOSS1", channel, "region " + REGIONS[(int) (i % 2)]);
        return r.body().contains("set this channel's region to");
    }

    private static boolean approval(Setup s, int thread, long i, String channel) {
        Deckhand asked = replica(s, thread, i);
        Deckhand approver = replica(s, thread, i + 1);
        Reply held = TestDeckhand.run(asked, "U_BOSS1", channel, "region " + REGIONS[(int) (i % 2)]);
        Matcher id = REQUEST_ID.matcher(held.body());
        if (!id.find()) {
            return false;
        }
        long before = s.threadPosts.get();
        TestDeckhand.run(approver, "U_BOSS2", channel, "approve " + id.group(1));
        s.approved.incrementAndGet();
        return s.threadPosts.get() > before;
    }

    private record Result(long[] nanos, long wallNanos, int errors) { }

    private static Result measure(Setup s, int threads, int seconds, String name, Op op) throws Exception {
        run(s, threads, 1, name + "-warm", op);
        s.approved.set(0);
        return run(s, threads, seconds, name, op);
    }

    private static Result run(Setup s, int threads, int seconds, String name, Op op) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger errors = new AtomicInteger();
        List<Future<long[]>> futures = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        for (int t = 0; t < threads; t++) {
            int thread = t;
            String channel = "C_" + name.toUpperCase().replace('-', '_') + "_" + t;
            futures.add(pool.submit(() -> {
                long[] nanos = new long[1024];
                int n = 0;
                for (long i = 0; System.nanoTime() < end; i++) {
                    long t0 = System.nanoTime();
                    boolean ok;
                    try {
                        ok = op.run(s, thread, i, channel);
                    } catch (RuntimeException e) {
                        ok = false;
                    }
                    if (n == nanos.length) {
                        nanos = Arrays.copyOf(nanos, n * 2);
                    }
                    nanos[n++] = System.nanoTime() - t0;
                    if (!ok) {
                        errors.incrementAndGet();
                    }
                }
                return Arrays.copyOf(nanos, n);
            }));
        }
        List<long[]> parts = new ArrayList<>();
        for (Future<long[]> f : futures) {
            parts.add(f.get());
        }
        long wall = System.nanoTime() - start;
        pool.shutdown();
        long[] all = parts.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(all, wall, errors.get());
    }

    private static String row(String store, String what, Result r) {
        long[] sorted = r.nanos();
        double p50 = sorted[sorted.length / 2] / 1e6;
        double p99 = sorted[(int) (sorted.length * 0.99)] / 1e6;
        double max = sorted[sorted.length - 1] / 1e6;
        return String.format("| %s | %s | %d | %d | %.0f | %.2f ms | %.2f ms | %.1f ms |", store, what, sorted.length,
                r.errors(), sorted.length / (r.wallNanos() / 1e9), p50, p99, max);
    }

    private record Executions(long once, long more) { }

    /** How often each approved request ran: its SUCCEEDED audit rows whose detail names it as approved. */
    private static Executions executions(Deckhand deckhand) {
        return deckhand.database().read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT approval_id, COUNT(*) FROM audit "
                    + "WHERE outcome = 'SUCCEEDED' AND detail LIKE 'approved request %' "
                    + "AND channel_id LIKE 'C_APPROVAL_%' AND channel_id NOT LIKE 'C_APPROVAL_WARM%' GROUP BY approval_id");
                 ResultSet rs = p.executeQuery()) {
                long once = 0;
                long more = 0;
                while (rs.next()) {
                    if (rs.getLong(2) == 1) {
                        once++;
                    } else {
                        more++;
                    }
                }
                return new Executions(once, more);
            }
        });
    }

    /** One Deckhand on SQLite, or two on one fresh embedded PostgreSQL database. */
    private static final class Setup implements AutoCloseable {
        final List<Deckhand> replicas = new ArrayList<>();
        final AtomicLong threadPosts = new AtomicLong();
        final AtomicInteger approved = new AtomicInteger();

        static Setup start(AwsStub aws, Path temp, boolean postgres, boolean holdRegion) throws Exception {
            Setup s = new Setup();
            Map<String, String> env = new HashMap<>();
            env.put("DECKHAND_AWS_REGIONS", "us-east-1,eu-west-1,ap-northeast-2");
            if (holdRegion) {
                env.put("DECKHAND_APPROVALS_ACTIONS", "region");
            }
            if (postgres) {
                env.put("DECKHAND_STORE_URL", EmbeddedPostgresServer.freshDatabase().url());
            }
            Clock clock = Clock.systemUTC();
            for (int i = 0; i < (postgres ? 2 : 1); i++) {
                Path dir = Files.createTempDirectory(temp, "replica");
                s.replicas.add(TestDeckhand.start(dir, aws.clients, clock, s.new CountingChat(), env));
            }
            SqliteGrantStore grants = new SqliteGrantStore(s.replicas.get(0).database(), clock);
            grants.grant("U_BOSS1", "admin", "bench");
            grants.grant("U_BOSS2", "admin", "bench");
            return s;
        }

        @Override
        public void close() {
            replicas.forEach(Deckhand::close);
        }

        /** Counts what Deckhand posts (cards, results in threads) without keeping it. */
        final class CountingChat implements ChatPort {
            private final AtomicLong ids = new AtomicLong();

            @Override
            public MessageRef post(String channelId, Reply reply) {
                return new MessageRef(channelId, "m" + ids.incrementAndGet());
            }

            @Override
            public void update(MessageRef message, Reply reply) {
            }

            @Override
            public MessageRef postInThread(MessageRef parent, Reply reply) {
                threadPosts.incrementAndGet();
                return new MessageRef(parent.channelId(), "m" + ids.incrementAndGet());
            }

            @Override
            public MessageRef directMessage(String userId, Reply reply) {
                return new MessageRef(userId, "m" + ids.incrementAndGet());
            }
        }
    }
}
