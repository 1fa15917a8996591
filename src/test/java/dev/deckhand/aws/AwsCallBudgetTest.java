package dev.deckhand.aws;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.deckhand.ratelimit.CallBudget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.deckhand.testing.AwsStub.ELBV2_VERSION;
import static dev.deckhand.testing.AwsStub.ec2Error;
import static dev.deckhand.testing.AwsStub.ec2Xml;
import static dev.deckhand.testing.AwsStub.elbXml;
import static dev.deckhand.testing.AwsStub.elbv2Action;
import static dev.deckhand.testing.AwsStub.queryAction;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deckhand's share of the account's API budget, at the wire: with a budget of N calls per second per
 * (account, region, metered unit), a burst of reads (throttled retries included) never reaches WireMock
 * faster than N in any second for one unit. The unit is what AWS throttles on its own: each EC2 action,
 * each ELB API version. Other regions and other EC2 actions have budgets of their own.
 */
class AwsCallBudgetTest {

    private static final int PER_SECOND = 4;
    /** Arrival times at WireMock wobble by a few ms around the start times the budget enforces. */
    private static final long JITTER_MS = 50;
    private static final List<String> REGIONS = List.of("us-east-1", "eu-west-1");

    private WireMockServer server;
    private AwsClients clients;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().dynamicPort().containerThreads(80));
        server.start();
        server.stubFor(queryAction("DescribeAddresses").willReturn(ec2Xml("DescribeAddresses", "<addressesSet/>")));
        // Throttled every time: each call is tried maxAttempts (3) times, and every attempt counts.
        server.stubFor(queryAction("DescribeVolumes").willReturn(ec2Error(503, "RequestLimitExceeded", "Request limit exceeded.")));
        server.stubFor(elbv2Action("DescribeLoadBalancers").willReturn(elbXml(ELBV2_VERSION, "DescribeLoadBalancers",
                "<LoadBalancers/>")));
        server.stubFor(elbv2Action("DescribeTargetGroups").willReturn(elbXml(ELBV2_VERSION, "DescribeTargetGroups",
                "<TargetGroups/>")));
        clients = new AwsClients(new AwsClients.Settings(Optional.of(URI.create(server.baseUrl())),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test-secret")), 3)
                .withBudget(new CallBudget(PER_SECOND)));
    }

    @AfterEach
    void stop() {
        clients.close();
        server.stop();
    }

    @Test
    void aBurstOfReads_neverReachesAwsFasterThanTheBudget_perRegionAndUnit_retriesIncluded() throws Exception {
        // Warm up first (classes, connections, Jetty): the first requests of a JVM reach WireMock hundreds of
        // ms after their start, bunching them up with the next second's; the budget governs starts.
        for (int i = 0; i < 3; i++) {
            for (String region : REGIONS) {
                clients.ec2(region).describeAddresses();
                clients.elbv2(region).describeTargetGroups();
            }
        }
        Thread.sleep(1100);
        server.resetRequests();
        ExecutorService pool = Executors.newFixedThreadPool(48);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> calls = new ArrayList<>();
        for (String region : REGIONS) {
            repeat(10, pool, go, calls, () -> clients.ec2(region).describeAddresses().addresses().size());
            repeat(2, pool, go, calls, () -> {
                try {
                    return clients.ec2(region).describeVolumes().volumes().size();
                } catch (RuntimeException throttled) {
                    return -1;
                }
            });
            repeat(5, pool, go, calls, () -> clients.elbv2(region).describeLoadBalancers().loadBalancers().size());
            repeat(5, pool, go, calls, () -> clients.elbv2(region).describeTargetGroups().targetGroups().size());
        }
        go.countDown();
        for (Future<?> call : calls) {
            call.get();
        }
        pool.shutdown();

        for (String region : REGIONS) {
            List<Long> addresses = arrivals(region, "Action=DescribeAddresses&");
            List<Long> volumes = arrivals(region, "Action=DescribeVolumes&");
            List<Long> elbv2 = arrivals(region, "Version=" + ELBV2_VERSION);
            assertThat(addresses).as(region + ": 10 reads").hasSize(10);
            assertThat(volumes).as(region + ": 2 throttled reads x 3 attempts").hasSize(6);
            assertThat(elbv2).as(region + ": 5 + 5 reads of one ELB API version").hasSize(10);
            for (List<Long> unit : List.of(addresses, volumes, elbv2)) {
                assertThat(busiestSecond(unit)).as("most calls of one unit to " + region + " in any second")
                        .isLessThanOrEqualTo(PER_SECOND);
            }
            // 10 calls at 4 per second: the last cannot start before 2 s after the first.
            assertThat(addresses.get(addresses.size() - 1) - addresses.get(0)).isGreaterThanOrEqualTo(2000 - JITTER_MS);
            assertThat(elbv2.get(elbv2.size() - 1) - elbv2.get(0)).as("ELBv2's two actions share one bucket")
                    .isGreaterThanOrEqualTo(2000 - JITTER_MS);
            List<Long> ec2 = new ArrayList<>(addresses);
            ec2.addAll(volumes);
            ec2.sort(null);
            assertThat(busiestSecond(ec2)).as("EC2 meters each action on its own, so two actions go side by side")
                    .isGreaterThan(PER_SECOND);
        }
    }

    @Test
    void theMeteredUnit_isTheEc2Action_orTheService() {
        assertThat(BudgetInterceptor.meteredUnit("Ec2", "DescribeInstances")).isEqualTo("ec2:DescribeInstances");
        assertThat(BudgetInterceptor.meteredUnit("Elastic Load Balancing v2", "DescribeTargetGroups"))
                .isEqualTo("elastic load balancing v2");
        assertThat(BudgetInterceptor.meteredUnit(null, null)).isEqualTo("unknown");
    }

    private static void repeat(int times, ExecutorService pool, CountDownLatch go, List<Future<?>> calls,
                               Callable<Integer> call) {
        for (int i = 0; i < times; i++) {
            calls.add(pool.submit(() -> {
                go.await();
                return call.call();
            }));
        }
    }

    private List<Long> arrivals(String region, String bodyPart) {
        return server.getAllServeEvents().stream().map(e -> e.getRequest())
                .filter(r -> r.getHeader("Authorization").contains("/" + region + "/"))
                .filter(r -> r.getBodyAsString().contains(bodyPart))
                .map(LoggedRequest::getLoggedDate).map(d -> d.getTime()).sorted().toList();
    }

    /** The most arrivals in any window of one second (less the jitter) that starts at an arrival. */
    private static int busiestSecond(List<Long> sorted) {
        int most = 0;
        for (int i = 0; i < sorted.size(); i++) {
            int n = 0;
            for (int j = i; j < sorted.size() && sorted.get(j) - sorted.get(i) < 1000 - JITTER_MS; j++) {
                n++;
            }
            most = Math.max(most, n);
        }
        return most;
    }
}
