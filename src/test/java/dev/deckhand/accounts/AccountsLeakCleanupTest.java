package dev.deckhand.accounts;

import dev.deckhand.chat.Reply;
import dev.deckhand.testing.AccountsRig;
import dev.deckhand.testing.TestDeckhand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static dev.deckhand.testing.AwsStub.ec2Xml;
import static dev.deckhand.testing.AwsStub.queryAction;
import static dev.deckhand.testing.AwsStub.queryActionRequested;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code leaks cleanup} with {@code aws.accounts}: a finding's place is {@code account/region}, and the
 * approval card names it once ({@code dev/eu-west-1}, not {@code dev/dev/eu-west-1}); the deletion runs
 * with the account's keys in the region.
 */
class AccountsLeakCleanupTest {

    @TempDir
    Path tempDir;
    AccountsRig rig;

    @BeforeEach
    void start() {
        rig = new AccountsRig(tempDir, Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC), "U0BOSS: admin");
        dev.deckhand.testing.LeakFixtures.emptyEverywhere(rig.server);
        // One unattached volume, in dev's eu-west-1 only.
        freeVolume("ASIADEVKEY", "eu-west-1", "vol-0dev1", 100,
                "<tagSet><item><key>deckhand:owner</key><value>U0ALICE</value></item></tagSet>");
        rig.server.stubFor(queryAction("DeleteVolume").willReturn(ec2Xml("DeleteVolume", "<return>true</return>")));
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void cleanupCard_namesTheFindingsPlaceOnce_andTheDeletionRunsThere() {
        Reply asked = rig.run("console", "leaks cleanup volume vol-0dev1 --region dev/eu-west-1");

        assertCardNamesDevEuWest1Once(asked);

        Reply done = TestDeckhand.approve(rig.deckhand, rig.chat, "U0BOSS", "C0DEPLOY", asked);

        assertThat(done.body()).startsWith("Deleted").contains("vol-0dev1 in dev/eu-west-1 for console.");
        assertThat(rig.server.findAll(queryActionRequested("DeleteVolume"))).singleElement().satisfies(r -> {
            assertThat(r.getHeader("Authorization")).contains("Credential=ASIADEVKEY/").contains("/eu-west-1/");
            assertThat(r.getBodyAsString()).contains("VolumeId=vol-0dev1");
        });
    }

    @Test
    void cleanupWithoutRegion_findsThePlaceItself_andTheCardNamesItOnce() {
        Reply asked = rig.run("console", "leaks cleanup volume vol-0dev1");

        assertCardNamesDevEuWest1Once(asked);
    }

    @Test
    void cleanupOfAFindingInAnotherAccount_isRefusedBeforeApproval_withTheCommandThatActsThere() {
        freeVolume("ASIAPRODKEY", "ap-northeast-2", "vol-0prod1", 50, "<tagSet/>");

        Reply refused = rig.run("console", "leaks cleanup volume vol-0prod1");

        assertThat(refused.body()).isEqualTo("`vol-0prod1` is a finding in account prod (prod/ap-northeast-2), not in dev "
                + "where this command acts. Nothing was changed. To remove it: "
                + "`leaks cleanup volume vol-0prod1 --region prod/ap-northeast-2`");
        assertThat(rig.chat.ofKind("post")).isEmpty();
        assertThat(rig.deckhand.approvals().store().inState(dev.deckhand.approval.ApprovalState.PENDING)).isEmpty();
    }

    /** The request needs approval, and its card names the place once: dev/eu-west-1, never dev/dev/eu-west-1. */
    private void assertCardNamesDevEuWest1Once(Reply asked) {
        assertThat(asked.body()).contains("needs approval");
        String card = rig.chat.ofKind("post").get(rig.chat.ofKind("post").size() - 1).reply().plainText();
        assertThat(card).contains("In dev/eu-west-1 it will:").containsPattern("\n  Region: +dev/eu-west-1\n").doesNotContain("dev/dev/");
    }

    /** An unattached gp3 volume, answered only to the account whose keys sign the call, in {@code region}. */
    private void freeVolume(String signer, String region, String id, int gb, String tagSet) {
        rig.server.stubFor(queryAction("DescribeVolumes").atPriority(1)
                .withHeader("Authorization", matching(".*Credential=" + signer + "/\\d+/" + region + "/.*"))
                .willReturn(ec2Xml("DescribeVolumes", "<volumeSet><item><volumeId>" + id + "</volumeId><size>" + gb
                        + "</size><availabilityZone>" + region + "a</availabilityZone><status>available</status>"
                        + "<createTime>2026-11-01T12:00:00.000Z</createTime><attachmentSet/><volumeType>gp3</volumeType>"
                        + tagSet + "</item></volumeSet>")));
    }
}
