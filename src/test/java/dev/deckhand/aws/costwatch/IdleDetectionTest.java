package dev.deckhand.aws.costwatch;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.deckhand.costwatch.IdleRules;
import dev.deckhand.costwatch.Leak;
import dev.deckhand.costwatch.LeakKind;
import dev.deckhand.costwatch.RegionOutcome;
import dev.deckhand.ec2.InstanceListings;
import dev.deckhand.pricing.PriceTable;
import dev.deckhand.testing.AwsStub;
import dev.deckhand.testing.CloudWatchXml;
import dev.deckhand.testing.LeakFixtures;
import dev.deckhand.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.deckhand.testing.AwsStub.ELBV2_VERSION;
import static dev.deckhand.testing.AwsStub.ec2Xml;
import static dev.deckhand.testing.AwsStub.elbXml;
import static dev.deckhand.testing.AwsStub.elbv2Action;
import static dev.deckhand.testing.AwsStub.queryAction;
import static org.assertj.core.api.Assertions.assertThat;

/** Running instances and load balancers judged by CloudWatch (WireMock speaking its Query protocol). */
class IdleDetectionTest {

    private static final String LAMBDA_ALB = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/lambda-alb/1111111111111111";
    private static final String QUIET_ALB = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/quiet-alb/2222222222222222";
    private static final String LAMBDA_TG = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/fn-tg/3333333333333333";
    private static final String QUIET_TG = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/quiet-tg/4444444444444444";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
    private AwsStub aws;
    private AwsLeakScanner scanner;

    @BeforeEach
    void start() {
        aws = new AwsStub(1);
        LeakFixtures.emptyEverywhere(aws);
        scanner = AwsLeakScanner.create(aws.clients, PriceTable.load(Path.of("config/prices.yml")), clock, "us-east-1",
                InstanceListings.none(clock));
    }

    @AfterEach
    void stop() {
        scanner.close();
        aws.close();
    }

    private List<Leak> scan() {
        RegionOutcome outcome = scanner.scan("us-east-1").join();
        assertThat(outcome).isInstanceOf(RegionOutcome.Scanned.class);
        return ((RegionOutcome.Scanned) outcome).leaks();
    }

    private static String instance(String id, String launched, String... tags) {
        return LeakFixtures.instanceXml(id, "running", 16, "t3.micro", launched, null, "", LeakFixtures.tagsXml(tags));
    }

    private void instances(String... items) {
        aws.server.stubFor(queryAction("DescribeInstances").atPriority(1).willReturn(ec2Xml("DescribeInstances",
                "<reservationSet><item><reservationId>r-1</reservationId><ownerId>123456789012</ownerId><groupSet/>"
                        + "<instancesSet>" + String.join("", items) + "</instancesSet></item></reservationSet>")));
    }

    @Test
    void runningInstances_busyAndNoDataAreInventory_idleAndOldUnownedAreFindings_fromOneBatchedCall() {
        instances(instance("i-0busy", "2026-11-01T12:00:00.000Z", "deckhand:owner", "U0ALICE"),
                instance("i-0idle", "2026-11-01T12:00:00.000Z", "deckhand:owner", "U0ALICE"),
                instance("i-0nodata", "2026-11-01T12:00:00.000Z", "deckhand:owner", "U0BOB"),
                instance("i-0orphan", "2026-11-01T12:00:00.000Z", "Name", "old-box"),
                instance("i-0young", "2026-11-24T12:00:00.000Z", "Name", "new-box"));
        aws.server.stubFor(CloudWatchXml.instanceMetrics().atPriority(1).willReturn(CloudWatchXml.values(Map.of(
                "cpu0", 42.0, "in0", 5.0e9, "out0", 4.0e9,
                "cpu1", 0.5, "in1", 1.0e6, "out1", 1.0e6,
                "cpu3", 60.0, "in3", 9.0e9,
                "cpu4", 70.0, "in4", 9.0e9))));

        List<Leak> leaks = scan();

        assertThat(leaks).extracting(Leak::id).containsExactlyInAnyOrder("i-0idle", "i-0orphan");
        Leak idle = leaks.stream().filter(l -> l.id().equals("i-0idle")).findFirst().orElseThrow();
        assertThat(idle.kind()).isEqualTo(LeakKind.RUNNING_INSTANCE);
        assertThat(idle.reason()).isEqualTo("Instance running for 24 days (idle: average CPU 0.5%, network 0.3 MB/day "
                + "over 7 days; t3.micro $7.59)");
        assertThat(leaks.stream().filter(l -> l.id().equals("i-0orphan")).findFirst().orElseThrow().reason())
                .isEqualTo("Instance running for 24 days (unowned: no deckhand:owner tag; t3.micro $7.59)");
        List<LoggedRequest> calls = aws.requests("GetMetricData");
        assertThat(calls).hasSize(1);
        String body = calls.get(0).getBodyAsString();
        for (String id : List.of("i-0busy", "i-0idle", "i-0nodata", "i-0orphan", "i-0young")) {
            assertThat(body).contains("Value=" + id);
        }
        assertThat(body).contains("CPUUtilization").contains("NetworkIn").contains("NetworkOut")
                .contains("Period=604800").contains("StartTime=2026-11-18T12%3A00%3A00Z");
    }

    @Test
    void whenCloudWatchRefuses_busyLookingInstancesAreNotFindings_theRegionSaysWhatItCouldNotJudge() {
        instances(instance("i-0busy", "2026-11-20T12:00:00.000Z", "deckhand:owner", "U0ALICE"),
                instance("i-0web", "2026-11-20T12:00:00.000Z", "deckhand:owner", "U0BOB"),
                instance("i-0orphan", "2026-11-01T12:00:00.000Z", "Name", "old-box"));
        aws.server.stubFor(CloudWatchXml.instanceMetrics().atPriority(1).willReturn(AwsStub.ec2Error(403,
                "AccessDenied", "User is not authorized to perform: cloudwatch:GetMetricData")));

        RegionOutcome.Scanned scanned = (RegionOutcome.Scanned) scanner.scan("us-east-1").join();

        // Not offered for clean-up on a guess; the old, ownerless one is a finding without CloudWatch.
        assertThat(scanned.leaks()).extracting(Leak::id).containsExactly("i-0orphan");
        assertThat(scanned.gaps()).singleElement().asString()
                .startsWith("idleness of 2 running instances unknown (AWS refused cloudwatch:GetMetricData")
                .endsWith("they are not counted as waste");
    }

    @Test
    void aMetricCloudWatchDidNotAnswer_isUnknown_notZero() {
        instances(instance("i-0web", "2026-11-20T12:00:00.000Z", "deckhand:owner", "U0BOB"));
        aws.server.stubFor(CloudWatchXml.instanceMetrics().atPriority(1)
                .willReturn(CloudWatchXml.unanswered(Map.of("cpu0", "InternalError", "in0", "InternalError", "out0", "InternalError"))));
        lambdaAndQuietAlbs();
        aws.server.stubFor(CloudWatchXml.loadBalancerMetrics().atPriority(1)
                .willReturn(CloudWatchXml.unanswered(Map.of("lb0", "Forbidden", "lb1", "Forbidden"))));

        RegionOutcome.Scanned scanned = (RegionOutcome.Scanned) scanner.scan("us-east-1").join();

        assertThat(scanned.leaks()).as("no answer is not 'no requests'").isEmpty();
        assertThat(scanned.gaps()).containsExactlyInAnyOrder(
                "idleness of 1 running instance unknown (CloudWatch answered InternalError for its metrics); "
                        + "they are not counted as waste",
                "requests of 2 load balancers without a healthy target unknown (lambda-alb, quiet-alb; CloudWatch answered "
                        + "Forbidden for its metrics); they are not counted as waste");
    }

    @Test
    void aMetricWhoseLastPageIsNotComplete_isUnknown_failClosed() {
        lambdaAndQuietAlbs();
        aws.server.stubFor(CloudWatchXml.loadBalancerMetrics().atPriority(1)
                .willReturn(CloudWatchXml.unanswered(Map.of("lb0", "PartialData", "lb1", "SomethingNew"))));

        RegionOutcome.Scanned scanned = (RegionOutcome.Scanned) scanner.scan("us-east-1").join();

        assertThat(scanned.leaks()).isEmpty();
        assertThat(scanned.gaps()).singleElement().asString().startsWith("requests of 2 load balancers without a healthy "
                + "target unknown (lambda-alb, quiet-alb; CloudWatch answered ");
    }

    @Test
    void whenCloudWatchRefuses_aBalancerWithoutAHealthyTargetIsNotJudged_andTheRegionSaysSo() {
        lambdaAndQuietAlbs();
        aws.server.stubFor(CloudWatchXml.loadBalancerMetrics().atPriority(1).willReturn(AwsStub.ec2Error(403,
                "AccessDenied", "User is not authorized to perform: cloudwatch:GetMetricData")));

        RegionOutcome.Scanned scanned = (RegionOutcome.Scanned) scanner.scan("us-east-1").join();

        assertThat(scanned.leaks()).isEmpty();
        assertThat(scanned.gaps()).singleElement().asString()
                .startsWith("requests of 2 load balancers without a healthy target unknown (lambda-alb, quiet-alb; "
                        + "AWS refused cloudwatch:GetMetricData");
    }

    @Test
    void anAlbWithLambdaTargets_servingRequests_isNotIdle_butAQuietOneIs() {
        lambdaAndQuietAlbs();
        // Query ids follow the ARNs in order: lb0 is lambda-alb, lb1 (quiet-alb) has no data points.
        aws.server.stubFor(CloudWatchXml.loadBalancerMetrics().atPriority(1)
                .willReturn(CloudWatchXml.values(Map.of("lb0", 1200.0))));

        List<Leak> leaks = scan();

        assertThat(leaks).extracting(Leak::name).containsExactly("quiet-alb");
        assertThat(leaks.get(0).reason()).isEqualTo("Application load balancer has no healthy targets; no requests in 7 days; "
                + "created 21 days ago");
        assertThat(aws.requests("GetMetricData")).singleElement().satisfies(r -> assertThat(r.getBodyAsString())
                .contains("RequestCount").contains("app%2Flambda-alb%2F1111111111111111").contains("app%2Fquiet-alb"));
    }

    @Test
    void aClassicBalancerWithoutAHealthyInstance_thatClientsStillCall_isNotIdle_butAQuietOneIs() {
        classicBalancers();
        // Query ids follow the listing: clb0 is called-clb (1,200 requests), clb1 (quiet-clb) has no data points.
        aws.server.stubFor(CloudWatchXml.loadBalancerMetrics().atPriority(1).willReturn(CloudWatchXml.values(Map.of("clb0", 1200.0))));

        List<Leak> leaks = scan();

        assertThat(leaks).extracting(Leak::name).containsExactly("quiet-clb");
        assertThat(leaks.get(0).reason()).isEqualTo("Classic load balancer has no registered instances; no requests in 7 days; "
                + "created 60 days ago");
        assertThat(aws.requests("GetMetricData")).singleElement().satisfies(r -> assertThat(r.getBodyAsString())
                .contains("Namespace=AWS%2FELB").contains("RequestCount").contains("Value=called-clb").contains("Value=quiet-clb"));
    }

    @Test
    void whenCloudWatchRefuses_aClassicBalancerWithoutAHealthyInstanceIsNotJudged_andTheRegionSaysSo() {
        classicBalancers();
        aws.server.stubFor(CloudWatchXml.loadBalancerMetrics().atPriority(1).willReturn(AwsStub.ec2Error(403,
                "AccessDenied", "User is not authorized to perform: cloudwatch:GetMetricData")));

        RegionOutcome.Scanned scanned = (RegionOutcome.Scanned) scanner.scan("us-east-1").join();

        assertThat(scanned.leaks()).isEmpty();
        assertThat(scanned.gaps()).singleElement().asString().startsWith(
                "requests of 2 Classic load balancers without a healthy instance unknown (called-clb, quiet-clb; AWS refused");
    }

    /** Two Classic balancers with no instances registered. */
    private void classicBalancers() {
        aws.server.stubFor(AwsStub.classicElbAction("DescribeLoadBalancers").atPriority(1).willReturn(elbXml(
                AwsStub.CLASSIC_ELB_VERSION, "DescribeLoadBalancers", "<LoadBalancerDescriptions>"
                        + "<member><LoadBalancerName>called-clb</LoadBalancerName><CreatedTime>2026-09-26T12:00:00Z</CreatedTime>"
                        + "<Instances/></member><member><LoadBalancerName>quiet-clb</LoadBalancerName>"
                        + "<CreatedTime>2026-09-26T12:00:00Z</CreatedTime><Instances/></member></LoadBalancerDescriptions>")));
        aws.server.stubFor(AwsStub.classicElbAction("DescribeTags").atPriority(1).willReturn(elbXml(AwsStub.CLASSIC_ELB_VERSION,
                "DescribeTags", "<TagDescriptions/>")));
    }

    /** lambda-alb: a Lambda target group, health checks off ("unavailable"); quiet-alb: a group with no targets. */
    private void lambdaAndQuietAlbs() {
        aws.server.stubFor(elbv2Action("DescribeLoadBalancers").atPriority(1).willReturn(elbXml(ELBV2_VERSION,
                "DescribeLoadBalancers", "<LoadBalancers>" + LeakFixtures.albXml(LAMBDA_ALB, "lambda-alb", "2026-11-04T12:00:00Z")
                        + LeakFixtures.albXml(QUIET_ALB, "quiet-alb", "2026-11-04T12:00:00Z") + "</LoadBalancers>")));
        aws.server.stubFor(elbv2Action("DescribeTargetGroups").atPriority(1).willReturn(elbXml(ELBV2_VERSION,
                "DescribeTargetGroups", "<TargetGroups><member><TargetGroupArn>" + LAMBDA_TG + "</TargetGroupArn>"
                        + "<TargetGroupName>fn-tg</TargetGroupName><TargetType>lambda</TargetType><HealthCheckEnabled>false"
                        + "</HealthCheckEnabled><LoadBalancerArns><member>" + LAMBDA_ALB + "</member></LoadBalancerArns></member>"
                        + "<member><TargetGroupArn>" + QUIET_TG + "</TargetGroupArn><TargetGroupName>quiet-tg</TargetGroupName>"
                        + "<Protocol>HTTP</Protocol><Port>80</Port><LoadBalancerArns><member>" + QUIET_ALB
                        + "</member></LoadBalancerArns></member></TargetGroups>")));
        aws.server.stubFor(elbv2Action("DescribeTargetHealth").atPriority(1).willReturn(elbXml(ELBV2_VERSION,
                "DescribeTargetHealth", "<TargetHealthDescriptions><member><Target><Id>arn:aws:lambda:us-east-1:123456789012:"
                        + "function:fn</Id></Target><TargetHealth><State>unavailable</State><Reason>Target.HealthCheckDisabled"
                        + "</Reason></TargetHealth></member></TargetHealthDescriptions>")));
        aws.server.stubFor(elbv2Action("DescribeTags").atPriority(1).willReturn(elbXml(ELBV2_VERSION, "DescribeTags",
                "<TagDescriptions/>")));
    }
}
