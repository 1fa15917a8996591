package dev.deckhand.accounts;

import dev.deckhand.chat.Progress;
import dev.deckhand.costwatch.Leak;
import dev.deckhand.costwatch.RegionOutcome;
import dev.deckhand.costwatch.ScanResult;
import dev.deckhand.testing.AccountsRig;
import dev.deckhand.testing.StsStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.deckhand.testing.AwsStub.ec2Xml;
import static dev.deckhand.testing.AwsStub.queryAction;
import static org.assertj.core.api.Assertions.assertThat;

/** Cost watch over three accounts, one of which cannot be assumed: the others are reported, it with what to fix. */
class AccountsCostWatchTest {

    static final String SANDBOX_ROLE = "arn:aws:iam::333333333333:role/deckhand";
    static final String THREE = AccountsRig.ACCOUNTS + """
                - name: sandbox
                  accountId: "333333333333"
                  roleArn: arn:aws:iam::333333333333:role/deckhand
                  regions: [us-east-1]
                  defaultRegion: us-east-1
            """;

    @TempDir
    Path tempDir;
    AccountsRig rig;

    @BeforeEach
    void start() {
        start(tempDir, THREE, List.of());
    }

    private void start(Path dir, String accounts, List<String> users) {
        rig = new AccountsRig(dir, Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC), accounts, users);
        rig.server.stubFor(post(urlPathEqualTo("/")).withRequestBody(containing("Action=AssumeRole&"))
                .withRequestBody(containing("RoleArn=arn%3Aaws%3Aiam%3A%3A333333333333"))
                .willReturn(StsStub.error(403, "AccessDenied", "User: arn:aws:iam::999999999999:user/deckhand is not "
                        + "authorized to perform: sts:AssumeRole on resource: " + SANDBOX_ROLE)));
        dev.deckhand.testing.LeakFixtures.emptyEverywhere(rig.server);
        freeVolume("ASIADEVKEY", "vol-0dev1", 100, "U0ALICE");
        freeVolume("ASIAPRODKEY", "vol-0prod1", 50, "U0BOB");
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    /** An unattached gp3 volume, answered only to the account whose keys sign the call. */
    private void freeVolume(String signer, String id, int gb, String owner) {
        rig.server.stubFor(queryAction("DescribeVolumes").atPriority(1)
                .withHeader("Authorization", containing("Credential=" + signer + "/"))
                .willReturn(ec2Xml("DescribeVolumes", "<volumeSet><item><volumeId>" + id + "</volumeId><size>" + gb
                        + "</size><availabilityZone>us-east-1a</availabilityZone><status>available</status>"
                        + "<createTime>2026-11-01T12:00:00.000Z</createTime><attachmentSet/><volumeType>gp3</volumeType>"
                        + "<tagSet><item><key>deckhand:owner</key><value>" + owner + "</value></item></tagSet></item></volumeSet>")));
    }

    @Test
    void scan_overThreeAccounts_reportsTheTwoThatWork_andTheFailingOneWithWhatToFix() {
        ScanResult result = rig.deckhand.costWatch().scans().scan(List.of(), true, Progress.NONE);

        assertThat(result.regions()).extracting(RegionOutcome::region)
                .containsExactly("dev/eu-west-1", "dev/us-east-1", "prod/ap-northeast-2", "prod/eu-west-1", "sandbox/us-east-1");
        assertThat(result.leaks()).extracting(Leak::id, Leak::region, Leak::owner).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("vol-0dev1", "dev/eu-west-1", "U0ALICE"),
                org.assertj.core.groups.Tuple.tuple("vol-0dev1", "dev/us-east-1", "U0ALICE"),
                org.assertj.core.groups.Tuple.tuple("vol-0prod1", "prod/ap-northeast-2", "U0BOB"),
                org.assertj.core.groups.Tuple.tuple("vol-0prod1", "prod/eu-west-1", "U0BOB"));
        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.region()).isEqualTo("sandbox/us-east-1");
            assertThat(f.reason()).isEqualTo("Deckhand cannot assume " + SANDBOX_ROLE + " in account sandbox (333333333333): "
                    + "access denied. Check in account 333333333333 that the role's trust policy lets Deckhand's hub identity "
                    + "call sts:AssumeRole and sts:TagSession; if it asks for an sts:ExternalId, set "
                    + "aws.accounts.sandbox.externalId to that value; and that the hub's own policy allows sts:AssumeRole on this role.");
        });
        assertThat(result.totalsByAccount()).containsOnlyKeys("dev", "prod");
        assertThat(result.totalsByAccount().get("dev")).isGreaterThan(result.totalsByAccount().get("prod"));
        assertThat(result.totalsByAccount().get("dev").add(result.totalsByAccount().get("prod"))).isEqualByComparingTo(result.total());
        assertThat(result.total()).isGreaterThan(BigDecimal.ZERO);
        // The scan is nobody's: it runs with the bot's session in every account.
        assertThat(StsStub.assumeRoles(rig.server)).allSatisfy(p -> assertThat(p).containsEntry("RoleSessionName", "deckhand-bot"));
    }

    @Test
    void anAccountWhoseRegionsCannotBeListed_isOneFailure_andTheOtherAccountsAreStillScanned() throws Exception {
        rig.close();
        // sandbox lists no regions: its enabled ones must be asked, in an account whose role cannot be assumed.
        String unlisted = THREE.replace("      regions: [us-east-1]\n      defaultRegion: us-east-1\n",
                "      defaultRegion: us-east-1\n");
        assertThat(unlisted).isNotEqualTo(THREE);
        start(java.nio.file.Files.createDirectories(tempDir.resolve("unlisted")), unlisted, List.of());

        ScanResult result = rig.deckhand.costWatch().scans().scan(List.of(), true, Progress.NONE);

        assertThat(result.regions()).extracting(RegionOutcome::region)
                .containsExactly("dev/eu-west-1", "dev/us-east-1", "prod/ap-northeast-2", "prod/eu-west-1", "sandbox/*");
        assertThat(result.leaks()).hasSize(4);
        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.region()).isEqualTo("sandbox/*");
            assertThat(f.reason()).startsWith("Its regions could not be listed: Deckhand cannot assume " + SANDBOX_ROLE);
        });
    }

    @Test
    void aPlainRegion_isTheCallersAccounts_andOneAccountsScanIsNeverServedToAnother() throws Exception {
        rig.close();
        start(java.nio.file.Files.createDirectories(tempDir.resolve("two-users")), THREE,
                List.of("U0DEV: \"deployer@dev\"", "U0PROD: \"viewer@prod\""));

        String dev = rig.run("U0DEV", "leaks --region eu-west-1").plainText();
        String prod = rig.run("U0PROD", "leaks --region eu-west-1 --account prod").plainText();

        assertThat(dev).contains("vol-0dev1").contains("dev/eu-west-1").doesNotContain("vol-0prod1");
        assertThat(prod).as("not dev's cached eu-west-1").contains("vol-0prod1").contains("prod/eu-west-1")
                .doesNotContain("vol-0dev1");
        assertThat(rig.run("U0DEV", "leaks keep vol-0dev1 spare --region eu-west-1").plainText())
                .as("a plain --region finds the finding stored under the caller's place")
                .startsWith("U0DEV keeps `vol-0dev1` in dev/eu-west-1: spare.");
    }

    @Test
    void aUserOfOneAccount_neverJoinsAnotherAccountsScanOfTheSameRegionName() throws Exception {
        rig.close();
        start(java.nio.file.Files.createDirectories(tempDir.resolve("concurrent")), THREE,
                List.of("U0DEV: \"viewer@dev\"", "U0PROD: \"viewer@prod\""));
        // prod's scan of eu-west-1 is slow, so dev's plain ask of "eu-west-1" arrives while it runs.
        rig.server.stubFor(queryAction("DescribeInstances").atPriority(0)
                .withHeader("Authorization", containing("Credential=ASIAPRODKEY/"))
                .willReturn(ec2Xml("DescribeInstances", "<reservationSet/>").withFixedDelay(1500)));
        java.util.concurrent.ExecutorService thread = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<String> prod = thread.submit(
                    () -> rig.run("U0PROD", "leaks --region eu-west-1 --account prod").plainText());
            Thread.sleep(400);

            String dev = rig.run("U0DEV", "leaks --region eu-west-1").plainText();

            assertThat(dev).contains("vol-0dev1").doesNotContain("vol-0prod1");
            assertThat(prod.get(10, java.util.concurrent.TimeUnit.SECONDS)).contains("vol-0prod1").doesNotContain("vol-0dev1");
        } finally {
            thread.shutdownNow();
        }
    }
}
