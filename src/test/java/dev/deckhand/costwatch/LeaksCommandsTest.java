package dev.deckhand.costwatch;

import dev.deckhand.app.Deckhand;
import dev.deckhand.chat.Button;
import dev.deckhand.chat.CommandRequest;
import dev.deckhand.chat.Reply;
import dev.deckhand.store.AuditEntry;
import dev.deckhand.store.SqliteGrantStore;
import dev.deckhand.testing.AwsStub;
import dev.deckhand.testing.LeakFixtures;
import dev.deckhand.testing.MutableClock;
import dev.deckhand.testing.RecordingChatPort;
import dev.deckhand.testing.SharedAws;
import dev.deckhand.testing.TestDeckhand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static dev.deckhand.testing.AwsStub.ec2Xml;
import static dev.deckhand.testing.AwsStub.queryAction;
import static org.assertj.core.api.Assertions.assertThat;

/** The {@code leaks} commands through the whole app: router, permission checker, audit, AWS over WireMock. */
class LeaksCommandsTest {

    @TempDir
    Path temp;

    /** Reset to the leaks of {@link LeakFixtures} in us-east-1 and eu-west-1 before each test. */
    @RegisterExtension
    static final SharedAws sharedAws = new SharedAws(1, LeakFixtures::twoRegions);
    private AwsStub aws;
    private Deckhand deckhand;
    private final RecordingChatPort chat = new RecordingChatPort();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));

    @BeforeEach
    void start() {
        aws = sharedAws.stub();
        aws.server.stubFor(queryAction("ReleaseAddress").willReturn(ec2Xml("ReleaseAddress", "<return>true</return>")));
        aws.server.stubFor(queryAction("DeleteVolume").willReturn(ec2Xml("DeleteVolume", "<return>true</return>")));
        aws.server.stubFor(queryAction("TerminateInstances").willReturn(ec2Xml("TerminateInstances", "<instancesSet/>")));
        deckhand = TestDeckhand.start(temp, aws.clients, clock, chat, Map.of(
                "DECKHAND_AWS_REGIONS", "us-east-1,eu-west-1",
                "DECKHAND_COSTWATCH_CHANNEL", "C0COST"));
        new SqliteGrantStore(deckhand.database(), clock).grant("U0BOSS", "admin", "setup");
    }

    @AfterEach
    void stop() {
        deckhand.close();
    }

    private Reply run(String user, String text) {
        return TestDeckhand.run(deckhand, user, "C0DEPLOY", text);
    }

    private Reply click(String user, Button button) {
        return deckhand.router().dispatch(new CommandRequest(user, "C0COST", button.command(), CommandRequest.Origin.BUTTON));
    }

    @Test
    void leaks_listsFindingsByRegion_andRightAfterwardsCostsNoAwsCalls() {
        Reply first = run("console", "leaks");
        int calls = aws.server.getAllServeEvents().size();

        Reply second = run("console", "leaks");

        assertThat(aws.server.getAllServeEvents()).hasSize(calls);
        assertThat(first.header()).isEqualTo("Cost leaks: $84.04/month in 2 regions");
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(first.body()).startsWith("*eu-west-1*: $5.00/month\n"
                + "• *Unattached volume* vol-0eu1 in eu-west-1, $5.00/month: Volume (50 GB gp2) not attached to any "
                + "instance; created 2 days ago (owner: no owner tag)\n*us-east-1*: $79.04/month\n");
        assertThat(first.body()).contains("• *Elastic IP* old-ip (eipalloc-0idle1) in us-east-1, $3.65/month: Elastic IP "
                + "not attached to a running instance for less than an hour (owner: <@U0ALICE>)");
    }

    @Test
    void leaksJson_inTheConsole_printsTheDocumentAsItIs() {
        Reply reply = run("console", "leaks --json");

        String document = ScanJson.render(deckhand.costWatch().scans().scan(java.util.List.of(), false,
                dev.deckhand.chat.Progress.NONE), deckhand.prices().date());
        // The console prints plainText() with println: exactly the document, whose final newline println adds.
        assertThat(reply.plainText() + "\n").isEqualTo(document);
        assertThat(document).contains("\"owner\" : \"U0ALICE\"");
    }

    @Test
    void leaks_withRegion_scansOnlyThatRegion() {
        Reply reply = run("console", "leaks --region eu-west-1");

        assertThat(reply.header()).isEqualTo("Cost leaks: $5.00/month in 1 region");
        assertThat(aws.server.getAllServeEvents()).allMatch(e -> e.getRequest().getHeader("Authorization").contains("/eu-west-1/"));
    }

    @Test
    void cleanUpButton_isHeldForApproval_withTheFindingAndItsSaving_thenReleasesOnce_auditsAndDropsTheCache() {
        deckhand.costWatch().digest().run();
        Button cleanUp = chat.ofKind("thread").stream().flatMap(s -> s.reply().buttons().stream())
                .filter(b -> b.command().equals("leaks cleanup eip eipalloc-0idle1 --region us-east-1"))
                .findFirst().orElseThrow();
        int scanCalls = aws.requests("DescribeAddresses").size();

        Reply asked = click("console", cleanUp);

        assertThat(asked.body()).contains("needs approval").contains("It will delete Elastic IP old-ip (eipalloc-0idle1): "
                + "deletions always need approval.");
        assertThat(aws.requests("ReleaseAddress")).isEmpty();
        assertThat(chat.ofKind("post").get(chat.ofKind("post").size() - 1).reply().plainText())
                .contains("Elastic IP old-ip (eipalloc-0idle1): Elastic IP not attached to a running instance")
                .contains("about $3.65/month (price table dated ")
                .contains("-$3.65/month");

        Reply done = TestDeckhand.approve(deckhand, chat, "U0BOSS", "C0COST", asked);

        assertThat(done.body()).isEqualTo("Released Elastic IP eipalloc-0idle1 in us-east-1 for console. "
                + "It was costing about $3.65/month.");
        assertThat(aws.requests("ReleaseAddress")).singleElement()
                .satisfies(r -> assertThat(r.getBodyAsString()).contains("AllocationId=eipalloc-0idle1"));
        assertThat(deckhand.auditLog().latest(1)).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(AuditEntry.Outcome.SUCCEEDED);
            assertThat(e.resources()).containsExactly("eipalloc-0idle1");
        });
        run("console", "leaks");
        // The approval planned again (one fresh scan of us-east-1, the cache having been kept), then the release
        // dropped the cache: both regions are asked again.
        assertThat(aws.requests("DescribeAddresses")).hasSize(scanCalls + 2);
    }

    @Test
    void cleanUp_ofAnInstanceThatIsNotAFinding_isRefusedAtOnce_andMakesNoRequest() {
        run("console", "leaks");
        int before = aws.server.getAllServeEvents().size();

        Reply reply = run("console", "leaks cleanup instance i-0notaleak1");

        assertThat(reply.body()).startsWith("`i-0notaleak1` is not a finding of the latest scan (eu-west-1, us-east-1), "
                + "so `leaks cleanup` will not remove it. Nothing was changed.");
        assertThat(aws.server.getAllServeEvents()).hasSize(before);
        assertThat(chat.ofKind("post")).isEmpty();
        assertThat(deckhand.approvals().store().inState(dev.deckhand.approval.ApprovalState.PENDING)).isEmpty();
    }

    @Test
    void cleanUp_ofAFindingOfAnotherKind_isRefusedAtOnce_namingWhatItIs() {
        run("console", "leaks");

        Reply reply = run("console", "leaks cleanup clb i-0run1");

        assertThat(reply.body()).startsWith("`i-0run1` is a finding of another kind: Running instance web-1 (i-0run1) in "
                + "us-east-1, not a Classic load balancer. Nothing was changed.");
        assertThat(aws.requests("TerminateInstances")).isEmpty();
        assertThat(chat.ofKind("post")).isEmpty();
    }

    @Test
    void cleanUp_ofAFindingInAnotherRegion_actsInThatRegionAfterApproval() {
        Reply asked = run("console", "leaks cleanup volume vol-0eu1");

        assertThat(asked.body()).contains("needs approval");
        assertThat(chat.ofKind("post").get(0).reply().plainText()).contains("--region eu-west-1").contains("eu-west-1");
        assertThat(aws.requests("DeleteVolume")).isEmpty();

        Reply done = TestDeckhand.approve(deckhand, chat, "U0BOSS", "C0DEPLOY", asked);

        assertThat(done.body()).isEqualTo("Deleted volume vol-0eu1 in eu-west-1 for console. It was costing about $5.00/month.");
        assertThat(aws.requests("DeleteVolume")).singleElement().satisfies(r -> {
            assertThat(r.getBodyAsString()).contains("VolumeId=vol-0eu1");
            assertThat(r.getHeader("Authorization")).contains("/eu-west-1/");
        });
        assertThat(deckhand.auditLog().latest(1)).singleElement().satisfies(e -> assertThat(e.region()).isEqualTo("eu-west-1"));
    }

    @Test
    void cleanUp_narrowedToARegionWhereItIsNot_isRefused_andSaysWhereTheFindingIs() {
        run("console", "leaks");

        Reply reply = run("console", "leaks cleanup volume vol-0eu1 --region us-east-1");

        assertThat(reply.body()).contains("`vol-0eu1` is not a finding of the latest scan of us-east-1")
                .contains("It is a finding in eu-west-1: `leaks cleanup volume vol-0eu1 --region eu-west-1`");
        assertThat(aws.requests("DeleteVolume")).isEmpty();
    }

    @Test
    void cleanUp_byAViewer_isDeniedAndNothingIsReleased() {
        Reply reply = run("U0VIEWER", "leaks cleanup eip eipalloc-0idle1 --region us-east-1");

        assertThat(reply.header()).isEqualTo("Not allowed");
        assertThat(aws.requests("ReleaseAddress")).isEmpty();
    }

    @Test
    void cleanUp_whenTheIdDoesNotFitTheKind_explainsAndChangesNothing() {
        Reply reply = run("console", "leaks cleanup eip vol-0free1 --region us-east-1");

        assertThat(reply.body()).contains("'vol-0free1' is not an Elastic IP allocation id.");
        assertThat(aws.server.getAllServeEvents()).isEmpty();
    }

    @Test
    void snoozeAndKeep_fromButtons_markTheFinding() {
        run("console", "leaks");

        Reply snoozed = run("console", "leaks snooze vol-0free1 7d");
        Reply kept = run("console", "leaks keep eipalloc-0idle1 \"demo on Friday\"");

        assertThat(snoozed.body()).isEqualTo("console snoozed `vol-0free1` in us-east-1 until Wed 2 Dec 12:00 UTC.");
        assertThat(kept.body()).isEqualTo("console keeps `eipalloc-0idle1` in us-east-1: demo on Friday. The cost digest stays quiet "
                + "about it until it changes.");
        assertThat(run("console", "leaks").body())
                .contains("vol-0free1 in us-east-1, $8.00/month: Volume (100 GB gp3) not attached to any instance; "
                        + "created 30 days ago (owner: <@U0BOB>) [snoozed until Wed 2 Dec 12:00 UTC]")
                .contains("(owner: <@U0ALICE>) [kept by console: demo on Friday]");
        clock.advance(Duration.ofDays(1));
        assertThat(deckhand.costWatch().digest().run().items()).extracting(i -> i.leak().id())
                .doesNotContain("vol-0free1", "eipalloc-0idle1").isNotEmpty();
    }

    @Test
    void leaks_withRegionAndAllRegions_explainsTheChoice() {
        Reply reply = run("console", "leaks --region us-east-1 --all-regions");

        assertThat(reply.plainText()).contains("Give --region or --all-regions, not both.");
        assertThat(aws.server.getAllServeEvents()).isEmpty();
    }

    @Test
    void snooze_ofAnUnknownId_saysHowToFindOne() {
        Reply reply = run("console", "leaks snooze vol-0nope 1d");

        assertThat(reply.body()).isEqualTo("No finding `vol-0nope` is known. Run `leaks` to scan, then use an id it lists.");
    }

    @Test
    void snooze_withABadLength_showsTheRightForm() {
        Reply reply = run("console", "leaks snooze vol-0free1 forever");

        assertThat(reply.plainText()).contains("'forever' is not a snooze length.")
                .contains("Give days from 1d to 30d, e.g. leaks snooze vol-0free1 7d");
    }

    @Test
    void leaksAndItsSubcommands_shareTheWord() {
        assertThat(deckhand.router().parse("leaks --all-regions")).isInstanceOf(dev.deckhand.command.ParseResult.Parsed.class);
        assertThat(((dev.deckhand.command.ParseResult.Parsed) deckhand.router().parse("leaks keep x y")).spec().name())
                .isEqualTo("leaks keep");
        assertThat(run("console", "help leaks").body()).contains("`leaks snooze <id> <1d|7d> [--region r]`", "`leaks keep <id> <reason> [--region r]`",
                "`leaks cleanup <instance|eip|lb|clb|volume|nat|snapshot|rds> <id> [--region r]`");
    }

    @Test
    void leaks_whenCloudWatchIsRefused_saysWhatItCouldNotJudge_andOffersNoBusyLookingInstance() {
        aws.server.stubFor(AwsStub.queryAction("GetMetricData").atPriority(0).willReturn(AwsStub.ec2Error(403,
                "AccessDenied", "User is not authorized to perform: cloudwatch:GetMetricData")));

        String listed = run("console", "leaks").plainText();

        assertThat(listed).doesNotContain("i-0run1")
                .contains("us-east-1 was only partly scanned: idleness of 1 running instance unknown (AWS refused "
                        + "cloudwatch:GetMetricData");
        assertThat(run("console", "leaks cleanup instance i-0run1").plainText())
                .contains("`i-0run1` is not a finding of the latest scan")
                .contains("(us-east-1 was only partly scanned: idleness of 1 running instance unknown");
        deckhand.costWatch().digest().run();
        assertThat(chat.ofKind("post").get(0).reply().plainText())
                .contains("us-east-1 was only partly scanned: idleness of 1 running instance unknown");
    }

    @Test
    void aFindingGoneSinceTheLastScan_noLongerMakesItsIdAmbiguous() {
        for (String region : new String[]{"us-east-1", "eu-west-1"}) {
            classicWeb(region, 1);
        }
        run("console", "leaks");
        assertThat(run("console", "leaks keep web \"spare\"").plainText()).contains("more than one region (eu-west-1, us-east-1)");

        // web is deleted in eu-west-1 outside Deckhand; the next scan of that region no longer finds it.
        aws.server.stubFor(AwsStub.inRegion(AwsStub.classicElbAction("DescribeLoadBalancers"), "eu-west-1").atPriority(0)
                .willReturn(AwsStub.elbXml(AwsStub.CLASSIC_ELB_VERSION, "DescribeLoadBalancers", "<LoadBalancerDescriptions/>")));
        clock.advance(Duration.ofMinutes(5)); // past the replicas' clock-skew allowance
        run("console", "leaks --fresh");

        assertThat(run("console", "leaks keep web \"spare\"").body()).startsWith("console keeps `web` in us-east-1: spare.");
    }

    @Test
    void keep_ofAClassicBalancerInOneRegion_leavesTheSameNameInAnotherRegionReported() {
        for (String region : new String[]{"us-east-1", "eu-west-1"}) {
            classicWeb(region, 0);
        }
        run("console", "leaks");

        Reply ambiguous = run("console", "leaks keep web \"blue-green spare\"");
        Reply kept = run("console", "leaks keep web \"blue-green spare\" --region us-east-1");

        assertThat(ambiguous.plainText()).contains("`web` is a finding in more than one region (eu-west-1, us-east-1).");
        assertThat(kept.body()).startsWith("console keeps `web` in us-east-1: blue-green spare.");
        String listed = run("console", "leaks").body();
        assertThat(listed).contains("web in us-east-1, $18.25/month").contains("[kept by console: blue-green spare]")
                .contains("web in eu-west-1, $18.25/month");
        assertThat(listed.split("kept by", -1)).hasSize(2);
        clock.advance(Duration.ofDays(1));
        assertThat(deckhand.costWatch().digest().run().items()).extracting(i -> i.leak().key())
                .contains(new LeakKey("clb", "eu-west-1", "web"))
                .doesNotContain(new LeakKey("clb", "us-east-1", "web"));
    }

    @Test
    void cleanUp_fromAChannelSetToAnotherRegion_removesTheFindingInItsOwnRegion() {
        new dev.deckhand.store.ChannelSettings(deckhand.database()).setRegion("C0DEPLOY", "eu-west-1");

        Reply asked = run("console", "leaks cleanup eip eipalloc-0idle1");
        Reply done = TestDeckhand.approve(deckhand, chat, "U0BOSS", "C0DEPLOY", asked);

        assertThat(chat.ofKind("post").get(0).reply().plainText()).contains("us-east-1").contains("-$3.65/month");
        assertThat(done.body()).isEqualTo("Released Elastic IP eipalloc-0idle1 in us-east-1 for console. "
                + "It was costing about $3.65/month.");
        assertThat(aws.requests("ReleaseAddress")).singleElement()
                .satisfies(r -> assertThat(r.getHeader("Authorization")).contains("/us-east-1/"));
    }

    @Test
    void leaksDigest_byAnAdmin_postsTheDigestNow_andIsRefusedToADeployer() {
        Reply denied = run("U0VIEWER", "leaks digest");
        Reply posted = run("U0BOSS", "leaks digest");

        assertThat(denied.header()).isEqualTo("Not allowed");
        assertThat(posted.body()).startsWith("Posted the cost digest to C0COST: ").endsWith(" findings need a decision.");
        assertThat(chat.ofKind("post")).singleElement().satisfies(p -> {
            assertThat(p.target()).isEqualTo("C0COST");
            assertThat(p.reply().header()).startsWith("Cost watch: $");
        });
    }

    /** An idle Classic balancer named web in {@code region}: no instances, no requests. */
    private void classicWeb(String region, int priority) {
        aws.server.stubFor(AwsStub.inRegion(AwsStub.classicElbAction("DescribeLoadBalancers"), region).atPriority(priority)
                .willReturn(AwsStub.elbXml(AwsStub.CLASSIC_ELB_VERSION, "DescribeLoadBalancers", "<LoadBalancerDescriptions>"
                        + "<member><LoadBalancerName>web</LoadBalancerName><CreatedTime>2026-09-26T12:00:00Z</CreatedTime>"
                        + "<Instances/></member></LoadBalancerDescriptions>")));
        aws.server.stubFor(AwsStub.inRegion(AwsStub.classicElbAction("DescribeTags"), region).atPriority(priority)
                .willReturn(AwsStub.elbXml(AwsStub.CLASSIC_ELB_VERSION, "DescribeTags", "<TagDescriptions><member>"
                        + "<LoadBalancerName>web</LoadBalancerName><Tags/></member></TagDescriptions>")));
        aws.server.stubFor(AwsStub.inRegion(dev.deckhand.testing.CloudWatchXml.loadBalancerMetrics(), region).atPriority(priority)
                .willReturn(dev.deckhand.testing.CloudWatchXml.values(java.util.Map.of()))); // no requests
    }
}
