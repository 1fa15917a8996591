package dev.deckhand.schedule;

import dev.deckhand.app.Deckhand;
import dev.deckhand.chat.Reply;
import dev.deckhand.store.SqliteGrantStore;
import dev.deckhand.testing.AwsStub;
import dev.deckhand.testing.Ec2Xml;
import dev.deckhand.testing.RecordingChatPort;
import dev.deckhand.testing.TestDeckhand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static dev.deckhand.testing.AwsStub.ec2Xml;
import static dev.deckhand.testing.AwsStub.queryAction;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code schedule}, {@code schedule list}, {@code schedule remove} through the router, WireMock as EC2. */
class ScheduleCommandTest {

    static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    static final String ID = "i-0web1234567890abc";

    @TempDir
    Path tempDir;

    AwsStub aws;
    Deckhand deckhand;
    RecordingChatPort chat = new RecordingChatPort();

    @BeforeEach
    void setUp() {
        aws = new AwsStub(1);
        deckhand = TestDeckhand.start(tempDir, aws.clients, Clock.fixed(NOW, ZoneOffset.UTC), chat,
                Map.of("DECKHAND_AWS_REGIONS", "us-east-1"));
        new SqliteGrantStore(deckhand.database(), Clock.fixed(NOW, ZoneOffset.UTC)).grant("U1", "deployer", "console");
        answer("DescribeAddresses", "<addressesSet/>");
        answer("CreateTags", Ec2Xml.ok());
        answer("DeleteTags", Ec2Xml.ok());
    }

    @AfterEach
    void tearDown() {
        deckhand.close();
        aws.close();
    }

    private void answer(String action, String inner) {
        aws.server.stubFor(queryAction(action).willReturn(ec2Xml(action, inner)));
    }

    private void web1(Ec2Xml.Instance instance) {
        answer("DescribeInstances", Ec2Xml.reservations(instance));
    }

    private Reply run(String user, String text) {
        return TestDeckhand.run(deckhand, user, "C0DEV", text);
    }

    private Map<String, String> params(String action) {
        var requests = aws.requests(action);
        assertThat(requests).as(action).isNotEmpty();
        Map<String, String> out = new java.util.TreeMap<>();
        for (String kv : requests.get(requests.size() - 1).getBodyAsString().split("&")) {
            String[] p = kv.split("=", 2);
            out.put(URLDecoder.decode(p[0], StandardCharsets.UTF_8), p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : "");
        }
        return out;
    }

    @Test
    void dryRun_showsHoursBeforeAndAfter_theSaving_andTheChangingPublicIp() {
        web1(Ec2Xml.Instance.running(ID, "web-1").owner("U1"));

        String text = run("U1", "schedule web-1 weekdays 09:00-19:00 --dry-run").plainText();

        // 50 of 168 hours a week: 730 h -> 217 h; t3.micro at $0.0104/h = $7.59/month, 70.2% of it saved.
        assertThat(text).contains("run only weekdays 09:00-19:00 UTC: instance web-1 (" + ID + ")",
                "730 -> 217", "-$5.33/month",
                "gets a new public IPv4 address at every start", "54.210.1.10",
                "$2.56/month while stopped", "Without --dry-run this runs at once");
        assertThat(aws.requests("CreateTags")).isEmpty();
    }

    @Test
    void anInstanceTypeWithoutAPrice_hasAnUnknownSaving_neverZero() {
        web1(Ec2Xml.Instance.running(ID, "web-1").owner("U1").type("x9.huge"));

        String text = run("U1", "schedule web-1 weekdays 09:00-19:00 --dry-run").plainText();

        assertThat(text).contains("unknown (price for x9.huge in us-east-1 unknown)").doesNotContain("$0.00");
        assertThat(text).as("an unknown saving does not hold a schedule").contains("runs at once");
    }

    @Test
    void ownInstance_isScheduled_taggedAndListed_thenRemoved() {
        web1(Ec2Xml.Instance.running(ID, "web-1").owner("U1").ip("54.210.1.10"));

        Reply set = run("U1", "schedule web-1 mon-fri 09:00-19:00 --tz Asia/Seoul");

        assertThat(set.plainText()).contains("U1 scheduled web-1 (" + ID + ") in us-east-1 to run only weekdays 09:00-19:00 Asia/Seoul",
                "Saving:              $5.33/month", "Next", "start 2026-12-03 09:00",
                // 10:00Z is 19:00 in Seoul: running outside the window, left running until the next end
                "is running outside this window now", "2026-12-03 19:00", "`ec2 stop web-1` stops it now");
        assertThat(params("CreateTags")).containsEntry("ResourceId.1", ID).containsEntry("Tag.1.Key", "deckhand:schedule")
                .containsEntry("Tag.1.Value", "weekdays 09:00-19:00 Asia/Seoul");
        assertThat(deckhand.auditLog().latest(1).get(0).command()).isEqualTo("schedule web-1 mon-fri 09:00-19:00 --tz Asia/Seoul");

        assertThat(run("U1", "schedule web-1 weekdays 09:00-19:00 --tz Asia/Seoul").plainText())
                .contains("already runs only weekdays 09:00-19:00 Asia/Seoul");
        assertThat(run("U2", "schedule list").plainText())
                .contains("web-1 (" + ID + ") in us-east-1: weekdays 09:00-19:00 Asia/Seoul, next start 2026-12-03 09:00",
                        "set by U1");

        Reply removed = run("U1", "schedule remove web-1");

        assertThat(removed.plainText()).contains("U1 removed the off-hours schedule of web-1 (" + ID + ")");
        assertThat(params("DeleteTags")).containsEntry("ResourceId.1", ID).containsEntry("Tag.1.Key", "deckhand:schedule");
        assertThat(run("U1", "schedule list").plainText()).contains("No off-hours schedules");
    }

    @Test
    void aDeployer_schedulingAnotherOwnersInstance_needsApproval_namingTheOwner() {
        web1(Ec2Xml.Instance.running(ID, "web-1").owner("U9"));

        Reply reply = run("U1", "schedule web-1 weekdays 09:00-19:00");

        assertThat(reply.plainText()).contains("approval", "belongs to U9");
        assertThat(aws.requests("CreateTags")).isEmpty();

        Reply approved = TestDeckhand.approve(deckhand, chat, "console", "C0DEV", reply);
        assertThat(approved.plainText()).contains("scheduled web-1");
        assertThat(aws.requests("CreateTags")).hasSize(1);
    }

    @Test
    void aStack_schedulesEachOfItsInstances() {
        answer("DescribeInstances", "<reservationSet/>");
        aws.server.stubFor(queryAction("DescribeInstances").withRequestBody(
                        com.github.tomakehurst.wiremock.client.WireMock.containing("tag%3Adeckhand%3Astack"))
                .willReturn(ec2Xml("DescribeInstances", Ec2Xml.reservations(
                        Ec2Xml.Instance.running(ID, "shop-web").owner("U1"),
                        Ec2Xml.Instance.running("i-0db01234567890abc", "shop-db").owner("U1").ip("")))));

        Reply reply = run("U1", "schedule shop weekdays 08:00-20:00");

        assertThat(reply.plainText()).contains("shop-web (" + ID + ")", "shop-db (i-0db01234567890abc)");
        assertThat(params("CreateTags")).containsEntry("ResourceId.1", ID).containsEntry("ResourceId.2", "i-0db01234567890abc");
        assertThat(new ScheduleStore(deckhand.database()).all()).hasSize(2);
    }

    @Test
    void badInput_isAnsweredWithTheFormAndAnExample_andChangesNothing() {
        web1(Ec2Xml.Instance.running(ID, "web-1").owner("U1"));

        assertThat(run("U1", "schedule web-1 weekdays 9-19").plainText())
                .contains("'9' in 9-19 is not a time of day", "09:00-19:00");
        assertThat(run("U1", "schedule web-1 weekdays").plainText())
                .contains("needs the instance, the days and the hours", "schedule web-1 weekdays 09:00-19:00 --tz Asia/Seoul");
        assertThat(run("U1", "schedule web-1 weekdays 09:00-19:00 --tz Mars/Olympus").plainText())
                .contains("'Mars/Olympus' is not a time zone");
        assertThat(run("U1", "schedule web-1 --override-until 21:00").plainText()).contains("has no schedule to override");
        assertThat(aws.requests("CreateTags")).isEmpty();
    }

    @Test
    void overrideUntil_keepsAScheduledInstanceRunningUntilThen() {
        web1(Ec2Xml.Instance.running(ID, "web-1").owner("U1"));
        run("U1", "schedule web-1 weekdays 09:00-19:00");

        Reply reply = run("U1", "schedule web-1 --override-until 21:00");

        assertThat(reply.plainText()).contains("keep running until 21:00 UTC, then stop");
        assertThat(new ScheduleStore(deckhand.database()).get(ID).orElseThrow().overrideUntil())
                .contains(Instant.parse("2026-12-02T21:00:00Z"));
    }
}
