package dev.deckhand.aws;

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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One SDK client per service and region, built on first use and reused (clients are thread-safe and
 * expensive to build). All share one HTTP client, the standard credentials chain (or the provider
 * given, in tests), the configured endpoint override, and the SDK's standard retry strategy, which
 * backs off on throttling ({@code RequestLimitExceeded}) and retries dropped connections.
 */
public final class AwsClients implements AutoCloseable {

    private final Settings settings;
    private final SdkHttpClient http;
    private final Map<String, SdkClient> clients = new ConcurrentHashMap<>();

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

    /** Route 53 is global; its API lives in us-east-1. */
    public Route53Client route53() {
        return cached("route53", "aws-global", () -> build(Route53Client.builder(), "aws-global"));
    }

    @SuppressWarnings("unchecked")
    private <C extends SdkClient> C cached(String service, String region, Supplier<C> factory) {
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
        clients.values().forEach(SdkClient::close);
        http.close();
    }
}
