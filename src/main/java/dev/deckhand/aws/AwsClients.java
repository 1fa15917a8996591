package dev.deckhand.aws;

import dev.deckhand.accounts.Account;
import dev.deckhand.accounts.Accounts;
import dev.deckhand.accounts.CallerScope;
import dev.deckhand.command.UserFacingException;
import dev.deckhand.ratelimit.CallBudget;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancing.ElasticLoadBalancingClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.pricing.PricingClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.ssm.SsmClient;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * One SDK client per service and region, built on first use and reused (clients are thread-safe and
 * expensive to build). All share one HTTP client, the standard credentials chain (or the provider
 * given, in tests), the configured endpoint override, the SDK's adaptive retry strategy, which backs
 * off on throttling ({@code RequestLimitExceeded}), slows later calls after it, and retries dropped
 * connections, and Deckhand's {@link CallBudget} per (account, region), taken before every attempt.
 *
 * <p>Deckhand works through a {@linkplain #watching bounded view}: clients are built only for the
 * watched regions ({@code aws.regions}, else the account's enabled regions) and the home region where
 * that list is asked. Any other region is refused with the list, before a client (and its threads)
 * exists: defence in depth behind the router's region guard, so no path from chat input can make
 * Deckhand build clients without bound.
 *
 * <p>With {@code aws.accounts} configured, clients are per (account, service, region): the account is the
 * view's ({@link #inAccount}), else the caller's ({@link CallerScope}), else the first configured. A member
 * account's clients sign with an STS session of the person acting ({@link AccountSessions}); its watched
 * regions are its own.
 */
public final class AwsClients implements AutoCloseable {

    /** Route 53's pseudo-region: global, always allowed. */
    private static final String GLOBAL = "aws-global";

    private final Settings settings;
    private final SdkHttpClient http;
    /**
     * Timeouts of every client (apiCallTimeout) on two shared daemon threads: left to itself the SDK gives
     * each client a pool of its own, and 17 regions x 3 services made some 250 idle threads (issue 17).
     */
    private final ScheduledExecutorService timeouts;
    private final Map<String, SdkClient> clients;
    /** Null for the unbounded clients the process owns; the view Deckhand uses has one. */
    private final Bound bound;
    private final Accounts accounts;
    /** Null without assumed roles. */
    private final AccountSessions sessions;
    /** The account this view always works in; null to follow the caller. */
    private final String pinnedAccount;

    /**
     * @param endpoint    override for every service (emulators, WireMock); empty for AWS itself, where the
     *                    SDK still honours {@code AWS_ENDPOINT_URL}
     * @param credentials where keys come from
     * @param maxAttempts attempts per call, retries included
     * @param budget      calls per second per (account, region), taken before every attempt of every client
     */
    public record Settings(Optional<URI> endpoint, AwsCredentialsProvider credentials, int maxAttempts,
                           CallBudget budget) {

        /** Without a call budget (tests, emulators). */
        public Settings(Optional<URI> endpoint, AwsCredentialsProvider credentials, int maxAttempts) {
            this(endpoint, credentials, maxAttempts, CallBudget.unlimited());
        }

        public static Settings defaults(Optional<URI> endpoint, int maxAttempts) {
            return new Settings(endpoint, DefaultCredentialsProvider.builder().build(), maxAttempts);
        }

        /** The same settings with Deckhand's share of the account's API budget (issue 17). */
        public Settings withBudget(CallBudget budget) {
            return new Settings(endpoint, credentials, maxAttempts, budget);
        }
    }

    public AwsClients(Settings settings) {
        this(settings, Accounts.none(), "us-east-1");
    }

    /**
     * @param accounts  {@code aws.accounts}; members with a role are reached by assuming it with the credentials
     *                  of {@code settings} (the hub's)
     * @param stsRegion where STS is called (the configured default region: STS's regional endpoint)
     */
    public AwsClients(Settings settings, Accounts accounts, String stsRegion) {
        this.settings = settings;
        this.http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(30))
                .build();
        this.clients = new ConcurrentHashMap<>();
        this.bound = null;
        AtomicInteger n = new AtomicInteger();
        ScheduledThreadPoolExecutor timeouts = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "aws-timeouts-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        // Every call schedules its 60 s timeout and cancels it when it answers; kept, the cancelled ones
        // would sit in the queue for their full minute (1,600 of them at 27 calls/s).
        timeouts.setRemoveOnCancelPolicy(true);
        this.timeouts = timeouts;
        this.accounts = accounts;
        this.sessions = accounts.all().stream().anyMatch(Account::assumesRole)
                ? new AccountSessions(settings.credentials(), settings.endpoint(), stsRegion, http) : null;
        this.pinnedAccount = null;
    }

    private AwsClients(AwsClients root, Bound bound, String pinnedAccount) {
        this.settings = root.settings;
        this.http = root.http;
        this.timeouts = root.timeouts;
        this.clients = root.clients;
        this.bound = bound;
        this.accounts = root.accounts;
        this.sessions = root.sessions;
        this.pinnedAccount = pinnedAccount;
    }

    /**
     * The same clients, always in {@code account} whoever calls and on whichever thread (the cost scan runs
     * its calls on a pool): its own watched regions, its STS session.
     */
    public AwsClients inAccount(String account) {
        return new AwsClients(this, bound, account);
    }

    /** The configured accounts (none: the one implicit account). */
    public Accounts accounts() {
        return accounts;
    }

    /** The account calls from here go to: the view's, else the caller's, else the first; null without accounts. */
    private Account account() {
        if (!accounts.configured()) {
            return null;
        }
        String name = pinnedAccount != null ? pinnedAccount : CallerScope.currentAccount();
        return accounts.find(name).or(accounts::defaultAccount).orElseThrow();
    }

    private AwsCredentialsProvider credentials(Account account) {
        return account == null || !account.assumesRole() ? settings.credentials() : sessions.credentials(account);
    }

    /**
     * The same clients, limited to the watched regions: {@code configured} ({@code aws.regions}), else
     * the regions the account has enabled, asked once with DescribeRegions in {@code homeRegion}. The
     * home region is always allowed (the list is asked there, and it is the configured default).
     * Closing the view closes nothing: the clients belong to this object.
     */
    public AwsClients watching(List<String> configured, String homeRegion) {
        return new AwsClients(this, new Bound(List.copyOf(configured), homeRegion, new AtomicReference<>()), pinnedAccount);
    }

    /**
     * The regions clients may be built for, besides the home region.
     *
     * @throws IllegalStateException on the unbounded clients, which watch nothing
     */
    public List<String> watchedRegions() {
        if (bound == null) {
            throw new IllegalStateException("unbounded AWS clients have no watched regions; use watching(..)");
        }
        Account account = account();
        if (account != null && !account.regions().isEmpty()) {
            return account.regions();
        }
        if (!bound.configured.isEmpty()) {
            return bound.configured;
        }
        List<String> known = bound.enabled.get();
        if (known != null) {
            return known;
        }
        List<String> asked = AwsErrors.call("ec2:DescribeRegions", bound.home, () -> ec2(bound.home).describeRegions()
                .regions().stream().map(software.amazon.awssdk.services.ec2.model.Region::regionName).sorted().toList());
        bound.enabled.compareAndSet(null, asked);
        return bound.enabled.get();
    }

    private record Bound(List<String> configured, String home, AtomicReference<List<String>> enabled) { }

    /** Refuses a region outside the watched list, before any client is built for it. */
    private void requireWatched(String region) {
        if (bound == null || region.equals(GLOBAL)) {
            return;
        }
        Account account = account();
        if (account != null) {
            if (!account.watches(region)) {
                throw new UserFacingException("Deckhand does not work in region '" + region + "' of account "
                        + account.name() + ". Watched there: " + String.join(", ", account.regions())
                        + " (aws.accounts in config). No AWS client was made for it.");
            }
            if (!account.regions().isEmpty() || region.equals(account.defaultRegion())) {
                return;
            }
        }
        if (region.equals(bound.home)) {
            return;
        }
        List<String> watched = watchedRegions();
        if (!watched.contains(region)) {
            throw new UserFacingException("Deckhand does not work in region '" + region + "'. Watched regions: "
                    + String.join(", ", watched) + (bound.configured.isEmpty() ? " (the account's enabled regions)"
                    : " (aws.regions in config)") + ". No AWS client was made for it.");
        }
    }

    public Ec2Client ec2(String region) {
        return cached("ec2", region, () -> build(Ec2Client.builder(), region));
    }

    public SsmClient ssm(String region) {
        return cached("ssm", region, () -> build(SsmClient.builder(), region));
    }

    public ElasticLoadBalancingV2Client elbv2(String region) {
        return cached("elbv2", region, () -> build(ElasticLoadBalancingV2Client.builder(), region));
    }

    public ElasticLoadBalancingClient classicElb(String region) {
        return cached("elb", region, () -> build(ElasticLoadBalancingClient.builder(), region));
    }

    public AcmClient acm(String region) {
        return cached("acm", region, () -> build(AcmClient.builder(), region));
    }

    /** CloudWatch metrics (cost watch's idleness: CPU, network, load balancer requests). */
    public CloudWatchClient cloudWatch(String region) {
        return cached("cloudwatch", region, () -> build(CloudWatchClient.builder(), region));
    }

    /**
     * The Price List Query API, which answers for every region from us-east-1; like Route 53 it is not
     * a watched region's client, so it is allowed whatever the watched list says.
     */
    public PricingClient pricing() {
        return cached("pricing", GLOBAL, () -> build(PricingClient.builder(), "us-east-1"));
    }

    /** RDS (cost watch: stopped and idle databases). */
    public software.amazon.awssdk.services.rds.RdsClient rds(String region) {
        return cached("rds", region, () -> build(software.amazon.awssdk.services.rds.RdsClient.builder(), region));
    }

    /** Route 53 is global; its API lives in us-east-1. */
    public Route53Client route53() {
        return cached("route53", GLOBAL, () -> build(Route53Client.builder(), GLOBAL));
    }

    @SuppressWarnings("unchecked")
    private <C extends SdkClient> C cached(String service, String region, Supplier<C> factory) {
        requireWatched(region);
        Account account = account();
        String key = (account == null ? "" : account.name() + "/") + service + "/" + region;
        return (C) clients.computeIfAbsent(key, k -> factory.get());
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder, String region) {
        Account account = account();
        builder.region(Region.of(region))
                .credentialsProvider(credentials(account))
                .httpClient(http)
                .overrideConfiguration(o -> o
                        // Adaptive: a throttled answer also slows this client's later calls (client-side rate).
                        .retryStrategy(AwsRetryStrategy.adaptiveRetryStrategy().toBuilder()
                                .maxAttempts(settings.maxAttempts()).build())
                        .addExecutionInterceptor(new BudgetInterceptor(settings.budget(),
                                account == null ? CallBudget.DEFAULT_ACCOUNT : account.name(), region))
                        .scheduledExecutorService(timeouts)
                        .apiCallTimeout(Duration.ofSeconds(60)));
        settings.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** How many clients were built; lets tests prove reuse. */
    public int size() {
        return clients.size();
    }

    @Override
    public void close() {
        if (bound != null) {
            return;
        }
        clients.values().forEach(SdkClient::close);
        if (sessions != null) {
            sessions.close();
        }
        http.close();
        timeouts.shutdownNow();
    }
}
