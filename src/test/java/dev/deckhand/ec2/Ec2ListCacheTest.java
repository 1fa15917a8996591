package dev.deckhand.ec2;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.deckhand.app.Deckhand;
import dev.deckhand.chat.Reply;
import dev.deckhand.testing.AwsStub;
import dev.deckhand.testing.Ec2Xml;
import dev.deckhand.testing.LeakFixtures;
import dev.deckhand.testing.MutableClock;
import dev.deckhand.testing.RecordingChatPort;
import dev.deckhand.testing.TestDeckhand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static dev.deckhand.testing.AwsStub.ec2Xml;
import static dev.deckhand.testing.AwsStub.queryAction;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ec2 list} answered from the shared listing cache, through the whole app on the shipped config
 * (cache TTL 10 minutes), counting the unfiltered DescribeInstances calls WireMock sees (a list asks
 * without filters; finding one instance for a stop asks with them).
 */
class Ec2ListCacheTest {

    private static final String CACHED_NOW = "From Deckhand's cache, as of less than a minute ago; "
            + "`ec2 list --fresh` asks AWS again.";
    private static final Ec2Xml.Instance WEB = Ec2Xml.Instance.running("i-0abc1234", "web-1");
    private static final Ec2Xml.Instance GOING = Ec2Xml.Instance.running("i-0dead5678", "old-1").state(32);

    private static AwsStub aws;

    @TempDir
    Path temp;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
    private Deckhand deckhand;

    @BeforeAll
    static void startAws() {
        aws = new AwsStub(1);
    }

    @AfterAll
    static void stopAws() {
        aws.close();
    }

    @BeforeEach
    void start() {
        aws.server.resetAll();
        LeakFixtures.emptyEverywhere(aws);
        answer("DescribeInstances", Ec2Xml.reservations(WEB, GOING));
        answer("StopInstances", Ec2Xml.stateChange("i-0abc1234", 16, 64));
        // Looking one instance up (for the stop) asks with a filter: only web-1 answers.
        aws.server.stubFor(queryAction("DescribeInstances").withRequestBody(containing("Filter.1.Name")).atPriority(0)
                .willReturn(ec2Xml("DescribeInstances", Ec2Xml.reservations(WEB))));
        deckhand = TestDeckhand.start(temp, aws.clients, clock, new RecordingChatPort(),
                Map.of("DECKHAND_AWS_REGIONS", "us-east-1"));
    }

    @AfterEach
    void stop() {
        deckhand.close();
    }

    private void answer(String action, String innerXml) {
        aws.server.stubFor(queryAction(action).atPriority(1).willReturn(ec2Xml(action, innerXml)));
    }

    private Reply run(String text) {
        return TestDeckhand.run(deckhand, "console", "C0DEPLOY", text);
    }

    /** DescribeInstances calls without filters: the ones a listing (or a cost scan) makes. */
    private static long listings() {
        return aws.requests("DescribeInstances").stream().filter(r -> !isFiltered(r)).count();
    }

    private static boolean isFiltered(LoggedRequest request) {
        return request.getBodyAsString().contains("Filter.1.Name");
    }

    /** Issue 17: lists of one region asked for together share one AWS round. */
    @Test
    void twentyConcurrentFreshLists_ofOneRegion_askAwsOnce_andAllButOneAreToldItWasShared() throws Exception {
        aws.server.updateGlobalSettings(com.github.tomakehurst.wiremock.global.GlobalSettings.builder().fixedDelay(1000).build());
        java.util.concurrent.ExecutorService users = java.util.concurrent.Executors.newFixedThreadPool(20);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            java.util.List<java.util.concurrent.Future<Reply>> replies = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String user = "U0USER" + i;
                replies.add(users.submit(() -> {
                    go.await();
                    return TestDeckhand.run(deckhand, user, "C0DEPLOY", "ec2 list --fresh");
                }));
            }
            go.countDown();
            java.util.List<Reply> answers = new java.util.ArrayList<>();
            for (var reply : replies) {
                answers.add(reply.get());
            }

            assertThat(listings()).isEqualTo(1);
            assertThat(answers).allSatisfy(a -> assertThat(a.body()).contains("web-1"));
            assertThat(answers).filteredOn(a -> a.context().stream().anyMatch(c -> c.startsWith("Shared: another request "
                    + "was listing the same region"))).hasSize(19);
        } finally {
            users.shutdownNow();
            aws.server.updateGlobalSettings(com.github.tomakehurst.wiremock.global.GlobalSettings.builder().build());
        }
    }

    /** Issue #11: a change made through one replica drops the other replica's cached listing. */
    @Test
    void list_onOneReplica_thenAStopOnAnother_thenList_asksAwsAgain() {
        try (Deckhand other = TestDeckhand.start(temp, aws.clients, clock, new RecordingChatPort(),
                Map.of("DECKHAND_AWS_REGIONS", "us-east-1"))) {
            run("ec2 list");
            run("ec2 list");
            assertThat(listings()).isEqualTo(1);

            Reply stop = TestDeckhand.run(other, "console", "C0DEPLOY", "ec2 stop web-1");
            Reply after = run("ec2 list");

            assertThat(stop.header()).as(stop.plainText()).startsWith("Stopping");
            assertThat(listings()).isEqualTo(2);
            assertThat(after.context()).isEmpty();
            run("ec2 list");
            assertThat(listings()).as("no change since: the cache serves again").isEqualTo(2);
        }
    }

    @Test
    void list_twice_asksAwsOnce_andSaysTheSecondIsFromTheCache() {
        Reply first = run("ec2 list");
        clock.advance(Duration.ofMinutes(2));
        Reply second = run("ec2 list");

        assertThat(listings()).isEqualTo(1);
        assertThat(aws.requests("DescribeAddresses")).hasSize(1);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(first.context()).isEmpty();
        assertThat(second.context()).containsExactly(
                "From Deckhand's cache, as of 2 min ago; `ec2 list --fresh` asks AWS again.");
    }

    @Test
    void list_thenAStop_thenList_asksAwsAgain() {
        run("ec2 list");
        Reply stop = run("ec2 stop web-1");
        Reply after = run("ec2 list");

        assertThat(stop.header()).as(stop.plainText()).startsWith("Stopping");
        assertThat(listings()).isEqualTo(2);
        assertThat(after.context()).isEmpty();
    }

    @Test
    void list_afterTheTtl_asksAwsAgain() {
        run("ec2 list");
        clock.advance(Duration.ofMinutes(9));
        run("ec2 list");
        assertThat(listings()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(1));
        Reply late = run("ec2 list");

        assertThat(listings()).isEqualTo(2);
        assertThat(late.context()).isEmpty();
    }

    @Test
    void list_fresh_asksAwsEvenWhenCached() {
        run("ec2 list");
        Reply fresh = run("ec2 list --fresh");
        Reply again = run("ec2 list");

        assertThat(listings()).isEqualTo(2);
        assertThat(fresh.context()).isEmpty();
        assertThat(again.context()).containsExactly(CACHED_NOW);
    }

    @Test
    void list_rightAfterACostScan_costsNoAwsCall_andShowsWhatAListWould() {
        Reply asked = run("ec2 list --fresh");
        int callsBefore = aws.server.getAllServeEvents().size();
        run("ec2 stop web-1"); // drops the listing the fresh list left
        int stopCalls = aws.server.getAllServeEvents().size() - callsBefore;

        run("leaks");
        long afterScan = listings();
        int addressCalls = aws.requests("DescribeAddresses").size();
        int total = aws.server.getAllServeEvents().size();
        Reply listed = run("ec2 list");

        assertThat(stopCalls).isPositive();
        assertThat(afterScan).isEqualTo(2);
        assertThat(aws.server.getAllServeEvents()).hasSize(total);
        assertThat(aws.requests("DescribeAddresses")).hasSize(addressCalls);
        // The scan asks without a state filter, so the shutting-down instance is listed as a list would show it.
        assertThat(listed.body()).isEqualTo(asked.body()).contains("old-1").contains("shutting-down");
        assertThat(listed.context()).containsExactly(CACHED_NOW);
    }

    @Test
    void scan_startedBeforeAChange_doesNotFillTheCache() {
        InstanceListings listings = new InstanceListings(clock, Duration.ofMinutes(10));
        long generation = listings.generation();
        listings.invalidate();

        listings.offer("us-east-1", java.util.List.of(), clock.instant(), generation);

        assertThat(listings.cached("us-east-1")).isEmpty();
    }

    @Test
    void scan_olderThanTheCachedListing_doesNotReplaceIt() {
        InstanceListings listings = new InstanceListings(clock, Duration.ofMinutes(10));
        Instant scanStarted = clock.instant();
        long generation = listings.generation();
        clock.advance(Duration.ofSeconds(30));
        InstanceSummary web = new InstanceSummary("i-0abc1234", "web-1", "t3.micro", InstanceState.RUNNING, "",
                false, scanStarted, "", "us-east-1");
        listings.get("us-east-1", false, r -> java.util.List.of(web));

        listings.offer("us-east-1", java.util.List.of(), scanStarted, generation);

        assertThat(listings.cached("us-east-1")).get().satisfies(l -> {
            assertThat(l.instances()).containsExactly(web);
            assertThat(l.asOf()).isEqualTo(scanStarted.plusSeconds(30));
        });
    }
}
