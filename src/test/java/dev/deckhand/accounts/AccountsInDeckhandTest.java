package dev.deckhand.accounts;

import dev.deckhand.chat.Reply;
import dev.deckhand.store.AuditEntry;
import dev.deckhand.testing.AccountsRig;
import dev.deckhand.testing.AwsStub;
import dev.deckhand.testing.Ec2Xml;
import dev.deckhand.testing.StsStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static dev.deckhand.testing.AwsStub.ec2Xml;
import static dev.deckhand.testing.AwsStub.queryAction;
import static org.assertj.core.api.Assertions.assertThat;

/** A whole Deckhand working in two accounts: --account, the channel's account, roles per account, audit rows. */
class AccountsInDeckhandTest {

    static final String AL2023 = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";
    static final String AMI = "ami-0fa3fe0fa7920f68e";

    @TempDir
    Path tempDir;
    AccountsRig rig;

    @BeforeEach
    void start() {
        rig = new AccountsRig(tempDir, Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC),
                "U1: \"deployer@dev, viewer@prod\"", "U2: deployer@dev", "U3: viewer");
        answer("DescribeInstances", Ec2Xml.reservations());
        answer("DescribeKeyPairs", Ec2Xml.keyPairs("ops-laptop"));
        rig.server.stubFor(AwsStub.jsonTarget("AmazonSSM.GetParameter").willReturn(AwsStub.json(Ec2Xml.ssmParameter(AL2023, AMI))));
        answer("DescribeImages", Ec2Xml.image(AMI, "al2023-ami-2023.9.20251117.1-kernel-6.1-x86_64", "/dev/xvda"));
        answer("DescribeSecurityGroups", Ec2Xml.noSecurityGroups());
        answer("CreateSecurityGroup", Ec2Xml.createdSecurityGroup("sg-0new1"));
        answer("AuthorizeSecurityGroupIngress", Ec2Xml.ok());
        answer("RunInstances", Ec2Xml.runInstances("i-0new1234567890abc"));
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    private void answer(String action, String xml) {
        rig.server.stubFor(queryAction(action).willReturn(ec2Xml(action, xml)));
    }

    @Test
    void deployerInDev_viewerInProd_launchInDevRuns_inProdIsDenied() {
        Reply dev = rig.run("U1", "ec2 launch web-1 --account dev");

        assertThat(dev.plainText()).contains("Launched web-1").contains("in us-east-1");
        assertThat(rig.server.findAll(AwsStub.queryActionRequested("RunInstances"))).singleElement()
                .satisfies(r -> assertThat(StsStub.signedBy(r)).isEqualTo("ASIADEVKEY"));
        assertThat(StsStub.assumeRoles(rig.server)).singleElement().satisfies(p -> assertThat(p)
                .containsEntry("RoleArn", AccountsRig.DEV_ROLE).containsEntry("RoleSessionName", "deckhand-U1"));

        Reply prod = rig.run("U1", "ec2 launch web-1 --account prod");

        assertThat(prod.plainText()).startsWith("== Not allowed ==")
                .contains("`ec2 launch` needs the deployer role; you (U1) are viewer.");
        assertThat(rig.server.findAll(AwsStub.queryActionRequested("RunInstances"))).hasSize(1);
        assertThat(rig.deckhand.auditLog().latest(2)).extracting(AuditEntry::region, AuditEntry::outcome)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("prod/ap-northeast-2", AuditEntry.Outcome.DENIED),
                        org.assertj.core.groups.Tuple.tuple("dev/us-east-1", AuditEntry.Outcome.SUCCEEDED));
    }

    @Test
    void userWithNoRoleInTheAccount_isDeniedWithTheReason_evenForAViewersCommand() {
        Reply reply = rig.run("U2", "ec2 list --account prod");

        assertThat(reply.plainText()).startsWith("== Not allowed ==")
                .contains("You (U2) have no role in account prod (your roles: deployer@dev)")
                .contains("grant U2 viewer@prod");
        assertThat(rig.server.getAllServeEvents()).isEmpty();
    }

    @Test
    void unqualifiedRole_holdsInEveryAccount() {
        Reply reply = rig.run("U3", "ec2 list --account prod");

        assertThat(reply.plainText()).doesNotContain("Not allowed");
        assertThat(rig.server.findAll(AwsStub.queryActionRequested("DescribeInstances"))).isNotEmpty()
                .allSatisfy(r -> assertThat(StsStub.signedBy(r)).isEqualTo("ASIAPRODKEY"))
                .allSatisfy(r -> assertThat(r.getHeader("Authorization")).contains("/ap-northeast-2/"));
    }

    @Test
    void channelAccount_setByADeployer_isAudited_andUsedWithoutAccountFlag() {
        assertThat(rig.run("U1", "account").plainText()).contains("This channel works in account *dev*");

        Reply set = rig.run("console", "account prod");
        assertThat(set.plainText()).contains("console set this channel's account to *prod* (was dev (the first configured))");
        assertThat(rig.deckhand.auditLog().latest(1)).singleElement().satisfies(e -> {
            assertThat(e.command()).isEqualTo("account prod");
            assertThat(e.outcome()).isEqualTo(AuditEntry.Outcome.SUCCEEDED);
        });

        Reply launch = rig.run("U1", "ec2 launch web-1");
        assertThat(launch.plainText()).contains("you (U1) are viewer");
        assertThat(rig.run("U1", "account").plainText()).contains("This channel works in account *prod*");
    }

    @Test
    void viewer_cannotSetTheChannelsAccount() {
        Reply reply = rig.run("U3", "account prod");

        assertThat(reply.plainText()).startsWith("== Not allowed ==");
        assertThat(rig.run("U3", "account").plainText()).contains("account *dev*");
    }

    @Test
    void grant_withAnAccount_givesTheRoleThere_andKeepsTheRoleElsewhere() {
        Reply granted = rig.run("console", "grant U3 deployer@dev");

        assertThat(granted.plainText()).contains("console gave U3 the role viewer, deployer@dev.");
        assertThat(rig.run("U3", "ec2 launch web-1 --account dev --dry-run").plainText())
                .contains("Without --dry-run this runs at once.");
        assertThat(rig.run("U3", "ec2 launch web-1 --account prod").plainText()).contains("you (U3) are viewer");
        assertThat(rig.run("console", "grant U3 admin@staging").plainText())
                .contains("'staging' is not an account Deckhand works in.");
    }

    @Test
    void approvalRequest_pinsTheAccount() {
        rig.run("console", "grant U3 deployer@dev");
        // A type beyond the deployer's limits is held for approval; the pinned command names the account.
        Reply held = rig.run("U3", "ec2 launch web-1 --account dev --region eu-west-1 --type t3.large");

        assertThat(held.plainText()).contains("`ec2 launch web-1 --account dev --type t3.large --region eu-west-1` needs approval");
    }

    @Test
    void wrongRegionHint_searchesTheUsersOtherAccounts() {
        rig.server.stubFor(queryAction("DescribeInstances").atPriority(1)
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.matching(
                        ".*Credential=ASIAPRODKEY/\\d+/eu-west-1/.*"))
                .willReturn(ec2Xml("DescribeInstances", Ec2Xml.reservations(Ec2Xml.Instance.running("i-0prod1", "web-1")))));
        answer("DescribeAddresses", "<addressesSet/>");
        answer("DescribeVolumes", "<volumeSet/>");

        Reply u1 = rig.run("U1", "ec2 show web-1 --account dev");
        assertThat(u1.plainText()).contains("web-1 is not in dev/us-east-1; it is in prod/eu-west-1. "
                + "Use --region prod/eu-west-1, or `account prod`.");

        // The hint's own form works: --region prod/eu-west-1 is that account and region.
        assertThat(rig.run("U1", "ec2 show web-1 --region prod/eu-west-1").plainText()).contains("i-0prod1");

        // U2 has no role in prod: prod is not searched for U2.
        Reply u2 = rig.run("U2", "ec2 show web-1 --account dev");
        assertThat(u2.plainText()).doesNotContain("prod").contains("No instance web-1 in us-east-1");
    }

    @Test
    void unknownAccount_isAUsageError_listingTheAccounts() {
        Reply reply = rig.run("U1", "ec2 list --account staging");

        assertThat(reply.plainText()).contains("'staging' is not an account Deckhand works in.")
                .contains("Accounts: dev, prod. For example: --account dev");
        assertThat(rig.server.getAllServeEvents()).isEmpty();
    }

    @Test
    void regionNotWatchedInTheAccount_isAUsageError() {
        Reply reply = rig.run("U1", "ec2 list --account dev --region ap-northeast-2");

        assertThat(reply.plainText()).contains("Deckhand does not work in region 'ap-northeast-2' of account dev.")
                .contains("Watched there: us-east-1, eu-west-1");
        assertThat(rig.server.getAllServeEvents()).isEmpty();
    }

    @Test
    void dryRun_namesAccountAndRegion() {
        Reply reply = rig.run("U1", "ec2 launch web-1 --account dev --region eu-west-1 --dry-run");

        assertThat(reply.plainText()).contains("In dev/eu-west-1 it will:");
        assertThat(rig.server.findAll(AwsStub.queryActionRequested("RunInstances"))).isEmpty();
    }
}
