package dev.deckhand.aws;

import dev.deckhand.command.UserFacingException;
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
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancing.ElasticLoadBalancingClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.ssm.SsmClient;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * One SDK client per service and region, built on first use and reused (clients are thread-safe and
 * expensive to build). All share one HTTP client, the standard credentials chain (or the provider
 * given, in tests), the configured endpoint override, and the SDK's standard retry strategy, which
 * backs off on throttling ({@code RequestLimitExceeded}) and retries dropped connections.
 *
 * <p>Deckhand works through a {@linkplain #watching bounded view}: clients are built only for the
 * watched regions ({@code aws.regions}, else the account's enabled regions) and the home region where
 * that list is asked. Any other region is refused with the list, before a client (and its threads)
 * exists: defence in depth behind the router's region guard, so no path from chat input can make
 * Deckhand build clients without bound.
 */
public final class AwsClients implements AutoCloseable {

    /** Route 53's pseudo-region: global, always allowed. */
    private static final String GLOBAL = "aws-global";

    private final Settings settings;
    private final SdkHttpClient http;
    private final Map<String, SdkClient> clients;
    /** Null for the unbounded clients the process owns; the view Deckhand uses has one. */
    private final Bound bound;

    /**
     * @param endpoint    override for every service (emulators, WireMock); empty for AWS itself, where the
     *                    SDK still honours {@code AWS_ENDPOINT_URL}
     * @param credentials where keys come from
     * @param maxAttempts attempts per call, retries included
     */
    public record Settings(Optional<URI> endpoint, AwsCredentialsProvider credentials, int maxAttempts) {

        public static Settings defaults(Optional<URI> endpoint, int maxAttempts) {
            return new Settings(endpoint, DefaultCredentialsProvider.builder().build(), maxAttempts);
        }
    }

    public AwsClients(Settings settings) {
        this.settings = settings;
        this.http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(30))
                .build();
        this.clients = new ConcurrentHashMap<>();
        this.bound = null;
    }

    private AwsClients(AwsClients root, Bound bound) {
        this.settings = root.settings;
        this.http = root.http;
        this.clients = root.clients;
        this.bound = bound;
    }

    /**
     * The same clients, limited to the watched regions: {@code configured} ({@code aws.regions}), else
     * the regions the account has enabled, asked once with DescribeRegions in {@code homeRegion}. The
     * home region is always allowed (the list is asked there, and it is the configured default).
     * Closing the view closes nothing: the clients belong to this object.
     */
    public AwsClients watching(List<String> configured, String homeRegion) {
        return new AwsClients(this, new Bound(List.copyOf(configured), homeRegion, new AtomicReference<>()));
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
        if (bound == null || region.equals(GLOBAL) || region.equals(bound.home)) {
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

    public software.amazon.awssdk.services.rds.RdsClient rds(String region) {
        return cached("rds", region, () -> build(software.amazon.awssdk.services.rds.RdsClient.builder(), region));
    }

    public software.amazon.awssdk.services.cloudwatch.CloudWatchClient cloudwatch(String region) {
        return cached("cloudwatch", region,
                () -> build(software.amazon.awssdk.services.cloudwatch.CloudWatchClient.builder(), region));
    }

    /** Route 53 is global; its API lives in us-east-1. */
    public Route53Client route53() {
        return cached("route53", GLOBAL, () -> build(Route53Client.builder(), GLOBAL));
    }

    @SuppressWarnings("unchecked")
    private <C extends SdkClient> C cached(String service, String region, Supplier<C> factory) {
        requireWatched(region);
        return (C) clients.computeIfAbsent(service + "/" + region, key -> factory.get());
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder, String region) {
        builder.region(Region.of(region))
                .credentialsProvider(settings.credentials())
                .httpClient(http)
                .overrideConfiguration(o -> o
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(settings.maxAttempts()).build())
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
        http.close();
    }
}
