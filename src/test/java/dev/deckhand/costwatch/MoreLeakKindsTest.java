package dev.deckhand.costwatch;

import dev.deckhand.app.Deckhand;
import dev.deckhand.chat.Progress;
import dev.deckhand.chat.Reply;
import dev.deckhand.store.SqliteGrantStore;
import dev.deckhand.testing.AwsStub;
import dev.deckhand.testing.LeakFixtures;
import dev.deckhand.testing.MutableClock;
import dev.deckhand.testing.RecordingChatPort;
import dev.deckhand.testing.TestDeckhand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static dev.deckhand.testing.AwsStub.ec2Xml;
import static dev.deckhand.testing.AwsStub.queryAction;
import static dev.deckhand.testing.MoreLeakXml.database;
import static dev.deckhand.testing.MoreLeakXml.image;
import static dev.deckhand.testing.MoreLeakXml.metric;
import static dev.deckhand.testing.MoreLeakXml.natGateway;
import static dev.deckhand.testing.MoreLeakXml.rds;
import static dev.deckhand.testing.MoreLeakXml.snapshot;
import static dev.deckhand.testing.MoreLeakXml.stoppedEvent;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * NAT gateways, snapshots and RDS databases as findings, with WireMock as EC2, RDS and CloudWatch, on
 * a whole Deckhand: reasons, prices, and cleanup through approval.
 */
class MoreLeakKindsTest {

    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final String IDLE_NAT = "nat-0aaa1111bbbb2222c";
    static final String BUSY_NAT = "nat-0bbb2222cccc3333d";

    @TempDir
    Path temp;

    AwsStub aws;
    Deckhand deckhand;
    RecordingChatPort chat = new RecordingChatPort();

    @BeforeEach
    void setUp() {
        aws = new AwsStub(1);
        LeakFixtures.emptyEverywhere(aws);
        answer("DescribeNatGateways", "<natGatewaySet>" + natGateway(IDLE_NAT, "vpc-0dev", "2026-10-01T00:00:00.000Z", "U0ALICE")
                + natGateway(BUSY_NAT, "vpc-0prod", "2026-10-01T00:00:00.000Z", "U0BOB") + "</natGatewaySet>");
        aws.server.stubFor(queryAction("GetMetricStatistics").withRequestBody(containing(IDLE_NAT))
                .willReturn(metric("BytesOutToDestination", 0, 1200, 0)));
        aws.server.stubFor(queryAction("GetMetricStatistics").withRequestBody(containing(BUSY_NAT))
                .willReturn(metric("BytesOutToDestination", 5e9, 4e9)));
        answer("DescribeVolumes", "<volumeSet><item><volumeId>vol-0live</volumeId><size>8</size><status>in-use</status>"
                + "<volumeType>gp3</volumeType><createTime>2026-01-01T00:00:00.000Z</createTime><attachmentSet/></item></volumeSet>");
        answer("DescribeImages", "<imagesSet>" + image("ami-0cafe", "snap-0c000000000003") + "</imagesSet>");
        answer("DescribeSnapshots", "<snapshotSet>"
                + snapshot("snap-0a000000000001", "vol-0gone", 100, "2026-08-01T00:00:00.000Z", "nightly backup")
                + snapshot("snap-0b000000000002", "vol-ffffffff", 8, "2026-07-01T00:00:00.000Z",
                "Created by CreateImage(i-0abc) for ami-0dead from vol-0abc")
                + snapshot("snap-0c000000000003", "vol-ffffffff", 8, "2026-07-01T00:00:00.000Z",
                "Created by CreateImage(i-0abc) for ami-0cafe from vol-0abc")
                + snapshot("snap-0d000000000004", "vol-0gone", 50, "2026-11-20T00:00:00.000Z", "yesterday's")
                + snapshot("snap-0e000000000005", "vol-0live", 8, "2026-08-01T00:00:00.000Z", "of a live volume")
                + "</snapshotSet>");
        aws.server.stubFor(queryAction("DescribeDBInstances").withRequestBody(containing("DBInstanceIdentifier=")).atPriority(1)
                .willReturn(rds("DescribeDBInstances", "<DBInstances>" + database("old-db", "db.t3.micro", "stopped", 20,
                        "2026-06-01T00:00:00Z", "U0ALICE") + "</DBInstances>")));
        aws.server.stubFor(queryAction("DescribeDBInstances").withRequestBody(containing("DBInstanceIdentifier=idle-db")).atPriority(0)
                .willReturn(rds("DescribeDBInstances", "<DBInstances>" + database("idle-db", "db.t3.small", "available", 50,
                        "2026-06-01T00:00:00Z", "U0BOB") + "</DBInstances>")));
        aws.server.stubFor(queryAction("DescribeDBInstances").atPriority(2).willReturn(rds("DescribeDBInstances", "<DBInstances>"
                + database("old-db", "db.t3.micro", "stopped", 20, "2026-06-01T00:00:00Z", "U0ALICE")
                + database("idle-db", "db.t3.small", "available", 50, "2026-06-01T00:00:00Z", "U0BOB")
                + database("busy-db", "db.t3.small", "available", 50, "2026-06-01T00:00:00Z", "U0BOB")
                + database("odd-db", "db.x2iedn.large", "stopped", 10, "2026-06-01T00:00:00Z", "U0BOB")
                + "</DBInstances>")));
        aws.server.stubFor(queryAction("DescribeEvents").willReturn(rds("DescribeEvents", "<Events>"
                + stoppedEvent("old-db", "2026-11-22T08:30:00Z") + "</Events>")));
        aws.server.stubFor(queryAction("GetMetricStatistics").withRequestBody(containing("idle-db"))
                .willReturn(metric("DatabaseConnections", 0, 0, 0, 0, 0, 0, 0)));
        aws.server.stubFor(queryAction("GetMetricStatistics").withRequestBody(containing("busy-db"))
                .willReturn(metric("DatabaseConnections", 0, 3, 0)));
        deckhand = TestDeckhand.start(temp, aws.clients, new MutableClock(NOW), chat, Map.of(
                "DECKHAND_AWS_REGIONS", "us-east-1", "DECKHAND_COSTWATCH_CHANNEL", "C0COST"));
        new SqliteGrantStore(deckhand.database(), new MutableClock(NOW)).grant("U0BOSS", "admin", "setup");
    }

    @AfterEach
    void tearDown() {
        deckhand.close();
        aws.close();
    }

    private void answer(String action, String inner) {
        aws.server.stubFor(queryAction(action).willReturn(ec2Xml(action, inner)));
    }

    private Map<String, Leak> findings() {
        return deckhand.costWatch().scans().scan(List.of(), true, Progress.NONE).leaks().stream()
                .collect(Collectors.toMap(Leak::id, Function.identity()));
    }

    @Test
    void anIdleNatGateway_isAFinding_pricedByTheHour_aBusyOneIsNot() {
        Map<String, Leak> found = findings();

        Leak nat = found.get(IDLE_NAT);
        assertThat(nat.kind()).isEqualTo(LeakKind.NAT_GATEWAY);
        assertThat(nat.owner()).isEqualTo("U0ALICE");
        assertThat(nat.reason()).isEqualTo("NAT gateway " + IDLE_NAT + " in vpc-0dev sent 0.0 MB in 7 days (idle; billed by "
                + "the hour); created 55 days ago");
        assertThat(nat.monthlyCost()).as("$0.045/h x 730 h").isEqualByComparingTo("32.85");
        assertThat(found).doesNotContainKey(BUSY_NAT);
        String asked = aws.server.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/")).withRequestBody(containing(IDLE_NAT)))
                .get(0).getBodyAsString();
        assertThat(URLDecoder.decode(asked, StandardCharsets.UTF_8)).contains("Namespace=AWS/NATGateway",
                "MetricName=BytesOutToDestination", "Statistics.member.1=Sum", "Period=86400");
    }

    @Test
    void snapshots_ofGoneVolumesAndDeregisteredImages_olderThan30Days_areFindings() {
        Map<String, Leak> found = findings();

        assertThat(found.get("snap-0a000000000001").reason())
                .isEqualTo("Snapshot (100 GB) of volume vol-0gone, which no longer exists; created 116 days ago");
        assertThat(found.get("snap-0a000000000001").monthlyCost()).as("$0.05/GB-month").isEqualByComparingTo("5.00");
        assertThat(found.get("snap-0b000000000002").reason()).startsWith("Snapshot (8 GB) of deregistered image ami-0dead");
        assertThat(found.get("snap-0b000000000002").monthlyCost()).isEqualByComparingTo("0.40");
        assertThat(found).as("a registered image's, a young one, one of a live volume")
                .doesNotContainKeys("snap-0c000000000003", "snap-0d000000000004", "snap-0e000000000005");
    }

    @Test
    void aStoppedDatabase_saysWhenAwsStartsItAgain_andWhatItCostsFromThen() {
        Map<String, Leak> found = findings();

        Leak old = found.get("old-db");
        assertThat(old.kind()).isEqualTo(LeakKind.STOPPED_DATABASE);
        // db.t3.micro $0.018/h x 730 = $13.14, 20 GB x $0.115 = $2.30
        assertThat(old.reason()).isEqualTo("RDS database stopped for 3 days; old-db (db.t3.micro, postgres, 20 GB): AWS starts "
                + "it again on 2026-11-29 08:30 UTC, and from then it costs $15.44/month; its storage bills $2.30/month meanwhile");
        assertThat(old.monthlyCost()).isEqualByComparingTo("15.44");
        assertThat(found.get("odd-db").reason()).contains("db.x2iedn.large is not in the price table");
        assertThat(found.get("odd-db").priceUnknown()).as("storage alone is a lower bound, never the price").isTrue();
        assertThat(old.priceUnknown()).isFalse();
    }

    @Test
    void aRunningDatabaseWithNoConnections_isAFinding_oneWithConnectionsIsNot() {
        Map<String, Leak> found = findings();

        Leak idle = found.get("idle-db");
        assertThat(idle.kind()).isEqualTo(LeakKind.IDLE_DATABASE);
        assertThat(idle.reason()).startsWith("RDS database idle-db (db.t3.small, postgres) had no connection in 7 days");
        assertThat(idle.monthlyCost()).as("$0.036 x 730 + 50 GB x $0.115").isEqualByComparingTo(new BigDecimal("32.03"));
        assertThat(found).doesNotContainKey("busy-db");
    }

    @Test
    void cleanUp_ofAStoppedDatabase_isApproved_thenDeletedWithAFinalSnapshot() {
        aws.server.stubFor(queryAction("DeleteDBInstance").willReturn(rds("DeleteDBInstance",
                database("old-db", "db.t3.micro", "deleting", 20, "2026-06-01T00:00:00Z", "U0ALICE"))));

        Reply asked = TestDeckhand.run(deckhand, "console", "C0COST", "leaks cleanup rds old-db");

        assertThat(asked.plainText()).contains("delete RDS database old-db");
        assertThat(chat.sent).as("the approval card").anySatisfy(m -> assertThat(m.reply().plainText())
                .contains("delete RDS database old-db", "A final snapshot is taken before the database is deleted"));
        assertThat(aws.requests("DeleteDBInstance")).isEmpty();
        Reply done = TestDeckhand.approve(deckhand, chat, "U0BOSS", "C0COST", asked);
        assertThat(done.plainText()).contains("Deleting RDS database old-db after its final snapshot old-db-final-");
        String body = URLDecoder.decode(aws.requests("DeleteDBInstance").get(0).getBodyAsString(), StandardCharsets.UTF_8);
        assertThat(body).contains("DBInstanceIdentifier=old-db", "SkipFinalSnapshot=false", "FinalDBSnapshotIdentifier=old-db-final-");
    }

    @Test
    void cleanUp_ofAnIdleDatabase_stopsIt() {
        aws.server.stubFor(queryAction("StopDBInstance").willReturn(rds("StopDBInstance",
                database("idle-db", "db.t3.small", "stopping", 50, "2026-06-01T00:00:00Z", "U0BOB"))));

        Reply asked = TestDeckhand.run(deckhand, "console", "C0COST", "leaks cleanup rds idle-db --dry-run");
        assertThat(asked.plainText()).contains("stop RDS database idle-db").doesNotContain("delete RDS");

        Reply held = TestDeckhand.run(deckhand, "console", "C0COST", "leaks cleanup rds idle-db");
        Reply done = TestDeckhand.approve(deckhand, chat, "U0BOSS", "C0COST", held);
        assertThat(done.plainText()).contains("Stopping RDS database idle-db");
        assertThat(aws.requests("StopDBInstance")).hasSize(1);
        assertThat(aws.requests("DeleteDBInstance")).isEmpty();
    }

    @Test
    void cleanUp_ofANatGatewayAndASnapshot_deletesThemAfterApproval() {
        answer("DeleteNatGateway", "<natGatewayId>" + IDLE_NAT + "</natGatewayId>");
        answer("DeleteSnapshot", "<return>true</return>");

        Reply nat = TestDeckhand.run(deckhand, "console", "C0COST", "leaks cleanup nat " + IDLE_NAT);
        assertThat(TestDeckhand.approve(deckhand, chat, "U0BOSS", "C0COST", nat).plainText()).contains("Deleting NAT gateway " + IDLE_NAT);
        Reply snap = TestDeckhand.run(deckhand, "console", "C0COST", "leaks cleanup snapshot snap-0a000000000001");
        assertThat(TestDeckhand.approve(deckhand, chat, "U0BOSS", "C0COST", snap).plainText()).contains("Deleted snapshot snap-0a000000000001");

        assertThat(aws.requests("DeleteNatGateway").get(0).getBodyAsString()).contains("NatGatewayId=" + IDLE_NAT);
        assertThat(aws.requests("DeleteSnapshot").get(0).getBodyAsString()).contains("SnapshotId=snap-0a000000000001");
        assertThat(TestDeckhand.run(deckhand, "console", "C0COST", "leaks cleanup snapshot snap-0e000000000005").plainText())
                .as("not a finding: refused").contains("not a finding");
    }
}
