package dev.deckhand.aws.costwatch;

import dev.deckhand.chat.Progress;
import dev.deckhand.costwatch.Leak;
import dev.deckhand.costwatch.LeakKind;
import dev.deckhand.costwatch.ReminderStore;
import dev.deckhand.costwatch.ScanResult;
import dev.deckhand.costwatch.ScanService;
import dev.deckhand.pricing.PriceTable;
import dev.deckhand.store.Database;
import dev.deckhand.testing.AwsStub;
import dev.deckhand.testing.LeakFixtures;
import dev.deckhand.testing.MutableClock;
import dev.deckhand.testing.SharedAws;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static dev.deckhand.testing.AwsStub.ec2Error;
import static dev.deckhand.testing.AwsStub.inRegion;
import static dev.deckhand.testing.AwsStub.queryAction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class AwsLeakScannerTest {

    @TempDir
    Path temp;

    /** Reset to the leaks of {@link LeakFixtures} in us-east-1 and eu-west-1 before each test. */
    @RegisterExtension
    static final SharedAws sharedAws = new SharedAws(1, LeakFixtures::twoRegions);
    private AwsStub aws;
    private AwsLeakScanner scanner;
    private Database db;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));

    @BeforeEach
    void start() {
        aws = sharedAws.stub();
        aws.server.stubFor(inRegion(queryAction("DescribeInstances"), "ap-south-1").atPriority(1)
                .willReturn(ec2Error(403, "UnauthorizedOperation", "You are not authorized to perform this operation.")));
        scanner = AwsLeakScanner.create(aws.clients, PriceTable.load(Path.of("config/prices.yml")), clock, "us-east-1");
        db = Database.open(temp.resolve("d.db"));
    }

    @AfterEach
    void stop() {
        scanner.close();
        db.close();
    }

    private ScanService service() {
        return new ScanService(scanner, List.of("us-east-1", "eu-west-1", "ap-south-1"), clock, Duration.ofMinutes(10),
                new ReminderStore(db));
    }

    @Test
    void scan_findsEveryKindOfLeak_withReasonsCostsAndOwners() {
        aws.server.stubFor(dev.deckhand.testing.CloudWatchXml.instanceMetrics().atPriority(1)
                .willReturn(dev.deckhand.testing.CloudWatchXml.values(Map.of("cpu0", 1.5, "in0", 1.0e6, "out0", 1.0e6))));
        aws.server.stubFor(dev.deckhand.testing.CloudWatchXml.loadBalancerMetrics().atPriority(1)
                .willReturn(dev.deckhand.testing.CloudWatchXml.values(Map.of())));
        ScanResult result = service().scan(List.of(), false, Progress.NONE);

        Map<String, Leak> byId = result.leaks().stream().collect(Collectors.toMap(Leak::id, Function.identity()));
        assertThat(result.leaks()).extracting(Leak::region, Leak::kind, Leak::id, Leak::owner, Leak::monthlyCost)
                .containsExactlyInAnyOrder(
                        tuple("us-east-1", LeakKind.RUNNING_INSTANCE, "i-0run1", "U0ALICE", new BigDecimal("11.88")),
                        tuple("us-east-1", LeakKind.STOPPED_INSTANCE, "i-0stop1", "U0BOB", new BigDecimal("2.00")),
                        tuple("us-east-1", LeakKind.EXPIRED_INSTANCE, "i-0exp1", "U0ALICE", new BigDecimal("15.18")),
                        tuple("us-east-1", LeakKind.ELASTIC_IP, "eipalloc-0idle1", "U0ALICE", new BigDecimal("3.65")),
                        tuple("us-east-1", LeakKind.ELASTIC_IP, "eipalloc-0onstop", "unknown", new BigDecimal("3.65")),
                        tuple("us-east-1", LeakKind.VOLUME, "vol-0free1", "U0BOB", new BigDecimal("8.00")),
                        tuple("us-east-1", LeakKind.LOAD_BALANCER, LeakFixtures.ALB_ARN, "U0ALICE", new BigDecimal("16.43")),
                        tuple("us-east-1", LeakKind.CLASSIC_LOAD_BALANCER, "old-clb", "unknown", new BigDecimal("18.25")),
                        tuple("eu-west-1", LeakKind.VOLUME, "vol-0eu1", "unknown", new BigDecimal("5.00")));
        assertThat(byId.get("i-0run1").reason()).isEqualTo("Instance running for 10 days (idle: average CPU 1.5%, network 0.3 MB/day "
                + "over 7 days; t3.micro $7.59 + 8 GB disk $0.64 + public IPv4 $3.65)");
        assertThat(byId.get("i-0stop1").reason()).isEqualTo("Instance stopped for 5 days; its 2 volumes (20 GB) still bill");
        assertThat(byId.get("i-0exp1").reason())
                .isEqualTo("Instance 3 days past its deckhand:expires time (expired 2026-11-22, still running)");
        assertThat(byId.get("eipalloc-0idle1").reason()).isEqualTo("Elastic IP not attached to a running instance for less than an hour");
        assertThat(byId.get("eipalloc-0onstop").reason()).isEqualTo("Elastic IP attached to stopped instance i-0stop1 for less than an hour");
        assertThat(byId.get("vol-0free1").reason()).isEqualTo("Volume (100 GB gp3) not attached to any instance; created 30 days ago");
        assertThat(byId.get(LeakFixtures.ALB_ARN).reason())
                .isEqualTo("Application load balancer has no healthy targets; no requests in 7 days; created 21 days ago");
        assertThat(byId.get("old-clb").reason()).isEqualTo("Classic load balancer has no registered instances; no requests in 7 days; created 60 days ago");
        assertThat(byId.get("eipalloc-0idle1").name()).isEqualTo("old-ip");
        assertThat(result.totalsByRegion()).containsExactly(
                Map.entry("eu-west-1", new BigDecimal("5.00")), Map.entry("us-east-1", new BigDecimal("79.04")));
        assertThat(result.total()).isEqualByComparingTo("84.04");
    }

    @Test
    void scan_whenOneRegionIsRefused_reportsItAndStillReturnsTheOthers() {
        List<String> progress = new ArrayList<>();

        ScanResult result = service().scan(List.of(), false, progress::add);

        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.region()).isEqualTo("ap-south-1");
            assertThat(f.reason()).isEqualTo("AWS refused ec2:DescribeInstances in ap-south-1: Deckhand's credentials lack "
                    + "permission. Add the IAM action `ec2:DescribeInstances` to the role or user Deckhand runs as.");
        });
        assertThat(result.leaks()).hasSize(9);
        assertThat(progress).hasSize(3).anyMatch(p -> p.startsWith("us-east-1: 8 findings, $79.04/month ("))
                .anyMatch(p -> p.startsWith("ap-south-1: not scanned. AWS refused ec2:DescribeInstances"));
    }

    @Test
    void scan_whenThrottledBeyondRetries_reportsTheRegionAsThrottled() {
        aws.server.stubFor(inRegion(queryAction("DescribeVolumes"), "eu-west-1").atPriority(0)
                .willReturn(ec2Error(503, "RequestLimitExceeded", "Request limit exceeded.")));

        ScanResult result = service().scan(List.of("eu-west-1"), false, Progress.NONE);

        assertThat(result.failures()).singleElement().extracting(f -> f.reason())
                .isEqualTo("AWS is throttling ec2:DescribeVolumes in eu-west-1 (RequestLimitExceeded) even after retries. "
                        + "Wait a minute and try again.");
    }

    @Test
    void scan_whenTheConnectionDrops_reportsTheRegionAsUnreachable() {
        aws.server.stubFor(inRegion(AwsStub.classicElbAction("DescribeLoadBalancers"), "eu-west-1").atPriority(0)
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                        .withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));

        ScanResult result = service().scan(List.of("eu-west-1", "us-east-1"), false, Progress.NONE);

        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.region()).isEqualTo("eu-west-1");
            assertThat(f.reason()).startsWith("Could not reach AWS for elasticloadbalancing:DescribeLoadBalancers in eu-west-1 (")
                    .endsWith("), even after retries. Check the network or the endpoint, then try again.");
        });
        assertThat(result.totalsByRegion()).containsOnlyKeys("us-east-1");
    }

    @Test
    void scan_rightAfterAScan_isServedFromTheCacheUntilItExpires() {
        ScanService service = service();
        service.scan(List.of("us-east-1"), false, Progress.NONE);
        int calls = aws.server.getAllServeEvents().size();

        ScanResult again = service.scan(List.of("us-east-1"), false, Progress.NONE);
        assertThat(aws.server.getAllServeEvents()).hasSize(calls);
        assertThat(again.total()).isEqualByComparingTo("79.04");

        clock.advance(Duration.ofMinutes(11));
        service.scan(List.of("us-east-1"), false, Progress.NONE);
        assertThat(aws.server.getAllServeEvents().size()).isGreaterThan(calls);
    }

    @Test
    void scan_afterInvalidate_asksAwsAgain() {
        ScanService service = service();
        service.scan(List.of("eu-west-1"), false, Progress.NONE);
        int calls = aws.server.getAllServeEvents().size();

        service.invalidate();
        service.scan(List.of("eu-west-1"), false, Progress.NONE);

        assertThat(aws.server.getAllServeEvents().size()).isEqualTo(calls * 2);
    }

    @Test
    void elasticIpAge_isSinceDeckhandFirstSawIt() {
        ScanService service = service();
        service.scan(List.of("us-east-1"), false, Progress.NONE);
        clock.advance(Duration.ofDays(9));

        ScanResult later = service.scan(List.of("us-east-1"), true, Progress.NONE);

        assertThat(later.find("eipalloc-0idle1").orElseThrow().reason())
                .isEqualTo("Elastic IP not attached to a running instance for 9 days");
    }

    @Test
    void enabledRegions_whenConfigListsNone_areAskedOfAws() {
        aws.server.stubFor(queryAction("DescribeRegions").willReturn(AwsStub.ec2Xml("DescribeRegions",
                "<regionInfo><item><regionName>eu-west-1</regionName><regionEndpoint>ec2.eu-west-1.amazonaws.com</regionEndpoint>"
                        + "<optInStatus>opt-in-not-required</optInStatus></item><item><regionName>us-east-1</regionName>"
                        + "<regionEndpoint>ec2.us-east-1.amazonaws.com</regionEndpoint><optInStatus>opt-in-not-required"
                        + "</optInStatus></item></regionInfo>")));
        ScanService service = new ScanService(scanner, List.of(), clock, Duration.ofMinutes(10), new ReminderStore(db));

        ScanResult result = service.scan(List.of(), false, Progress.NONE);

        assertThat(result.totalsByRegion()).containsOnlyKeys("eu-west-1", "us-east-1");
        assertThat(aws.requests("DescribeRegions")).hasSize(1);
    }

    @Test
    void secondScan_startsHealthAndTagCallsWithTheListing_andMakesNoExtraCalls() {
        ScanService service = service();
        service.scan(List.of("us-east-1"), true, Progress.NONE);
        int firstCalls = aws.server.getAllServeEvents().size();
        aws.server.resetRequests();

        ScanResult second = service.scan(List.of("us-east-1"), true, Progress.NONE);

        assertThat(aws.server.getAllServeEvents()).hasSize(firstCalls);
        assertThat(second.total()).isEqualByComparingTo("79.04");
    }

    @Test
    void secondScan_whenATargetGroupAndABalancerWereDeleted_ignoresTheStaleSpeculation() {
        ScanService service = service();
        service.scan(List.of("us-east-1"), true, Progress.NONE);
        // idle-alb and its target group are gone; old-clb too: their calls now fail as AWS would answer.
        aws.server.stubFor(inRegion(AwsStub.elbv2Action("DescribeLoadBalancers"), "us-east-1").atPriority(0)
                .willReturn(AwsStub.elbXml(AwsStub.ELBV2_VERSION, "DescribeLoadBalancers", "<LoadBalancers/>")));
        aws.server.stubFor(inRegion(AwsStub.elbv2Action("DescribeTargetGroups"), "us-east-1").atPriority(0)
                .willReturn(AwsStub.elbXml(AwsStub.ELBV2_VERSION, "DescribeTargetGroups", "<TargetGroups/>")));
        aws.server.stubFor(inRegion(AwsStub.elbv2Action("DescribeTargetHealth"), "us-east-1").atPriority(0)
                .willReturn(elbError("TargetGroupNotFound", "One or more target groups not found")));
        aws.server.stubFor(inRegion(AwsStub.elbv2Action("DescribeTags"), "us-east-1").atPriority(0)
                .willReturn(elbError("LoadBalancerNotFound", "One or more load balancers not found")));
        aws.server.stubFor(inRegion(AwsStub.classicElbAction("DescribeLoadBalancers"), "us-east-1").atPriority(0)
                .willReturn(AwsStub.elbXml(AwsStub.CLASSIC_ELB_VERSION, "DescribeLoadBalancers", "<LoadBalancerDescriptions/>")));
        aws.server.stubFor(inRegion(AwsStub.classicElbAction("DescribeTags"), "us-east-1").atPriority(0)
                .willReturn(elbError("LoadBalancerNotFound", "There is no ACTIVE Load Balancer named 'old-clb'")));

        ScanResult second = service.scan(List.of("us-east-1"), true, Progress.NONE);

        assertThat(second.failures()).isEmpty();
        assertThat(second.leaks()).extracting(Leak::kind)
                .doesNotContain(LeakKind.LOAD_BALANCER, LeakKind.CLASSIC_LOAD_BALANCER).hasSize(6);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder elbError(String code, String message) {
        return com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(400).withHeader("Content-Type", "text/xml")
                .withBody("<ErrorResponse xmlns=\"http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/\"><Error>"
                        + "<Type>Sender</Type><Code>" + code + "</Code><Message>" + message + "</Message></Error>"
                        + "<RequestId>req-err</RequestId></ErrorResponse>");
    }
}
