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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.deckhand.testing.AwsStub.ec2Error;
import static dev.deckhand.testing.AwsStub.ec2Xml;
import static dev.deckhand.testing.AwsStub.queryAction;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deckhand's share of the account's API budget, at the wire: with a budget of N calls per second per
 * (account, region), a burst of reads (throttled retries included) never reaches WireMock faster than N
 * in any second, per region; other regions have budgets of their own.
 */
class AwsCallBudgetTest {

    private static final int PER_SECOND = 4;
    /** Arrival times at WireMock wobble by a few ms around the start times the budget enforces. */
    private static final long JITTER_MS = 50;

    private WireMockServer server;
    private AwsClients clients;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().dynamicPort().containerThreads(60));
        server.start();
        server.stubFor(queryAction("DescribeAddresses").willReturn(ec2Xml("DescribeAddresses", "<addressesSet/>")));
        // Throttled every time: each call is tried maxAttempts (3) times, and every attempt counts.
        server.stubFor(queryAction("DescribeVolumes").willReturn(ec2Error(503, "RequestLimitExceeded", "Request limit exceeded.")));
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
    void aBurstOfReads_neverReachesAwsFasterThanTheBudget_perRegion_retriesIncluded() throws Exception {
        // Warm up first (classes, connections, Jetty): the first requests of a JVM reach WireMock hundreds of
        // ms after their start, bunching them up with the next second's; the budget governs starts.
        for (int i = 0; i < 3; i++) {
            clients.ec2("us-east-1").describeAddresses();
            clients.ec2("eu-west-1").describeAddresses();
        }
        Thread.sleep(1100);
        server.resetRequests();
        ExecutorService pool = Executors.newFixedThreadPool(24);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> calls = new ArrayList<>();
        for (String region : List.of("us-east-1", "eu-west-1")) {
            for (int i = 0; i < 10; i++) {
                calls.add(pool.submit(() -> {
                    go.await();
                    return clients.ec2(region).describeAddresses().addresses().size();
                }));
            }
            for (int i = 0; i < 2; i++) {
                calls.add(pool.submit(() -> {
                    go.await();
                    try {
                        return clients.ec2(region).describeVolumes().volumes().size();
                    } catch (RuntimeException throttled) {
                        return -1;
                    }
                }));
            }
        }
        go.countDown();
        for (Future<?> call : calls) {
            call.get();
        }
        pool.shutdown();

        for (String region : List.of("us-east-1", "eu-west-1")) {
            List<Long> arrivals = server.getAllServeEvents().stream().map(e -> e.getRequest())
                    .filter(r -> r.getHeader("Authorization").contains("/" + region + "/"))
                    .map(LoggedRequest::getLoggedDate).map(d -> d.getTime()).sorted().toList();
            assertThat(arrivals).as(region + ": 10 reads + 2 throttled reads x 3 attempts").hasSize(16);
            assertThat(busiestSecond(arrivals)).as("most calls to " + region + " in any second").isLessThanOrEqualTo(PER_SECOND);
            // 16 calls at 4 per second: the last cannot start before 3 s after the first.
            assertThat(arrivals.get(arrivals.size() - 1) - arrivals.get(0)).isGreaterThanOrEqualTo(3000 - JITTER_MS);
        }
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
