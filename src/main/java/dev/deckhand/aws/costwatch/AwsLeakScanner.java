package dev.deckhand.aws.costwatch;

import dev.deckhand.aws.AwsClients;
import dev.deckhand.aws.AwsErrors;
import dev.deckhand.aws.ec2.InstanceSummaries;
import dev.deckhand.command.UserFacingException;
import dev.deckhand.costwatch.IdleRules;
import dev.deckhand.costwatch.Leak;
import dev.deckhand.costwatch.LeakScanner;
import dev.deckhand.costwatch.RegionOutcome;
import dev.deckhand.ec2.InstanceListings;
import dev.deckhand.pricing.PriceTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Address;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Region;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.Volume;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scans one region for every kind of leak with one paginated call per kind, all started at once:
 * DescribeInstances (unfiltered: the same answer is left for {@code ec2 list}, see {@link InstanceListings}),
 * DescribeAddresses, DescribeVolumes (all volumes: the unattached ones are leaks, the
 * attached ones price stopped instances), and the load balancer calls in {@link LoadBalancerLeaks} and
 * {@link ClassicLoadBalancerLeaks}.
 * Any failure makes the region {@link RegionOutcome.Failed} with AWS's reason in words.
 */
public final class AwsLeakScanner implements LeakScanner, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AwsLeakScanner.class);
    static final int THREADS = 256;
    /** The instance states the findings are about (the scan used to ask AWS for exactly these). */
    private static final Set<String> BILLING_STATES = Set.of("pending", "running", "stopping", "stopped");

    private final AwsClients aws;
    private final PriceTable prices;
    private final Clock clock;
    private final String homeRegion;
    private final AsyncCalls calls;
    private final LoadBalancerLeaks loadBalancers;
    private final ClassicLoadBalancerLeaks classicLoadBalancers;
    private final ExecutorService owned;
    private final InstanceListings listings;
    private final IdleMetrics metrics;
    private final dev.deckhand.pricing.InstancePrices instancePrices;
    /** Kinds of issue 15: idle NAT gateways, orphaned snapshots, stopped and idle RDS databases. */
    private final NatGatewayLeaks natGateways;
    private final SnapshotLeaks snapshots;
    private final RdsLeaks databases;
    /** A snapshot younger than this is never a finding (a backup just taken is not a leak). */
    static final Duration SNAPSHOT_MIN_AGE = Duration.ofDays(30);

    /**
     * A scanner with its own pool. SDK calls block on the network, so threads wait rather than work.
     * With the previous scan's resources known every call of a region starts at once: 3 EC2 listings,
     * 2 ELBv2 listings plus one health call per target group and one tag call per 20 balancers, the
     * Classic listing plus one health call per balancer with instances and one tag call: 11 calls for
     * a region with two target groups and a Classic balancer, 187 for 17 such regions. 256 threads keep
     * them all in flight; more calls queue rather than open unbounded connections. Idle threads end
     * after 30 s.
     */
    public static AwsLeakScanner create(AwsClients aws, PriceTable prices, Clock clock, String homeRegion) {
        return create(aws, prices, clock, homeRegion, InstanceListings.none(clock));
    }

    /**
     * As {@link #create(AwsClients, PriceTable, Clock, String)}, and each region's instances are also
     * left in {@code listings}, so {@code ec2 list} right after a scan needs no AWS call.
     */
    public static AwsLeakScanner create(AwsClients aws, PriceTable prices, Clock clock, String homeRegion,
                                        InstanceListings listings) {
        return create(aws, prices, prices, clock, homeRegion, listings, IdleRules.DEFAULTS, THREADS);
    }

    /**
     * The full form, as the bot builds it: instance prices beyond the table ({@code LivePrices}: the Price
     * List API, cached in the store), running resources judged by {@code idle} (config {@code costwatch.idle}),
     * and at most {@code concurrency} AWS calls in flight, whatever the number of scans and
     * regions: the rest wait in the queue, so threads and memory stay flat under repeated scans (issue 17).
     * Deckhand sizes it to every listing call of every watched region (see {@code Deckhand.scanConcurrency}).
     */
    public static AwsLeakScanner create(AwsClients aws, PriceTable prices, dev.deckhand.pricing.InstancePrices instancePrices,
                                        Clock clock, String homeRegion, InstanceListings listings, IdleRules idle,
                                        int concurrency) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(concurrency, concurrency, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "costwatch-scan-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return new AwsLeakScanner(aws, prices, instancePrices, clock, pool, homeRegion, listings, idle);
    }

    private AwsLeakScanner(AwsClients aws, PriceTable prices, dev.deckhand.pricing.InstancePrices instancePrices, Clock clock,
                           ExecutorService owned, String homeRegion, InstanceListings listings, IdleRules idle) {
        this.instancePrices = instancePrices;
        this.owned = owned;
        this.listings = listings;
        this.aws = aws;
        this.prices = prices;
        this.clock = clock;
        this.homeRegion = homeRegion;
        this.calls = new AsyncCalls(owned);
        this.metrics = new IdleMetrics(aws, calls, idle);
        this.loadBalancers = new LoadBalancerLeaks(aws, calls, prices, metrics);
        this.classicLoadBalancers = new ClassicLoadBalancerLeaks(aws, calls, prices, metrics);
        LeakPrices more = new LeakPrices(prices.hoursPerMonth());
        CloudWatchMetrics cloudWatch = new CloudWatchMetrics(aws);
        this.natGateways = new NatGatewayLeaks(aws, calls, cloudWatch, more);
        this.snapshots = new SnapshotLeaks(aws, calls, more, SNAPSHOT_MIN_AGE);
        this.databases = new RdsLeaks(aws, calls, cloudWatch, more);
    }

    @Override
    public List<String> enabledRegions() {
        return AwsErrors.call("ec2:DescribeRegions", homeRegion, () -> aws.ec2(homeRegion).describeRegions(r -> { }))
                .regions().stream().map(Region::regionName).sorted().toList();
    }

    /**
     * Starts the region's scan on the scan pool, not on the caller's thread: building a region's clients
     * costs CPU (a cold one-shot scan builds five per region), and a caller that starts every region in
     * turn would otherwise build them all one after another before the last region's first call.
     */
    @Override
    public CompletableFuture<RegionOutcome> scan(String region) {
        return CompletableFuture.supplyAsync(() -> start(region), owned).thenCompose(scan -> scan)
                .exceptionally(failure -> failed(region, failure));
    }

    private CompletableFuture<RegionOutcome> start(String region) {
        long started = System.nanoTime();
        Instant now = clock.instant();
        List<String> gaps = new CopyOnWriteArrayList<>(); // what could not be judged (CloudWatch refused, ...)
        Ec2Client ec2 = aws.ec2(region);
        long generation = listings.generation();
        // Unfiltered, as ec2 list asks, so the answer can stand in for a list; the findings only look
        // at the states that bill (shutting-down and terminated instances are in the listing only).
        CompletableFuture<List<Instance>> listed = calls.call("ec2:DescribeInstances", region,
                () -> ec2.describeInstancesPaginator(r -> { })
                        .reservations().stream().map(Reservation::instances).flatMap(List::stream).toList());
        CompletableFuture<List<Address>> addresses = calls.call("ec2:DescribeAddresses", region,
                () -> ec2.describeAddresses(r -> { }).addresses());
        CompletableFuture<Void> offered = listed.thenAcceptBoth(addresses,
                (i, a) -> listings.offer(region, InstanceSummaries.of(i, a, region), now, generation));
        CompletableFuture<List<Instance>> instances = listed.thenApply(all -> all.stream()
                .filter(i -> i.state() != null && BILLING_STATES.contains(i.state().nameAsString())).toList());
        CompletableFuture<List<Volume>> volumes = calls.call("ec2:DescribeVolumes", region,
                () -> ec2.describeVolumesPaginator(r -> { }).volumes().stream().toList());
        // One GetMetricData for every running instance of the region, once the listing names them.
        CompletableFuture<Map<String, Activity>> activity = instances.thenCompose(
                list -> metrics.instances(region, Ec2Leaks.toMeasure(list, now), now));
        CompletableFuture<List<Leak>> ec2Leaks = CompletableFuture.allOf(instances, addresses, volumes, activity)
                .thenApply(v -> {
                    Ec2Leaks judged = new Ec2Leaks(prices, instancePrices, region, now, metrics.rules(), activity.join());
                    List<Leak> found = judged.find(instances.join(), addresses.join(), volumes.join());
                    gaps.addAll(judged.gaps());
                    return found;
                })
                .thenCombine(offered, (leaks, done) -> leaks); // the listing is in place when the scan answers
        CompletableFuture<List<Leak>> modern = loadBalancers.find(region, now, gaps::add);
        CompletableFuture<List<Leak>> classic = classicLoadBalancers.find(region, now, gaps::add);
        CompletableFuture<List<Leak>> nat = natGateways.find(region, now);
        CompletableFuture<List<Leak>> orphanedSnapshots = snapshots.find(region, now, volumes);
        CompletableFuture<List<Leak>> rds = databases.find(region, now);
        return AsyncCalls.all(List.of(ec2Leaks, modern, classic, nat, orphanedSnapshots, rds))
                .<RegionOutcome>thenApply(parts -> {
                    List<Leak> all = new ArrayList<>();
                    parts.forEach(all::addAll);
                    all.sort(Ec2Leaks.order());
                    return new RegionOutcome.Scanned(region, all, Duration.ofNanos(System.nanoTime() - started), gaps);
                })
                .exceptionally(failure -> failed(region, failure));
    }

    private static RegionOutcome failed(String region, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof UserFacingException user) {
            log.warn("Cost scan of {} failed: {}", region, user.getMessage());
            return new RegionOutcome.Failed(region, user.getMessage());
        }
        log.error("Cost scan of {} failed unexpectedly", region, cause);
        return new RegionOutcome.Failed(region, "Unexpected error (" + cause.getClass().getSimpleName()
                + "); the details are in Deckhand's log.");
    }

    @Override
    public void close() {
        owned.shutdownNow();
    }
}
