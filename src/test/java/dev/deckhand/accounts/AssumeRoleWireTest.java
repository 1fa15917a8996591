package dev.deckhand.accounts;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.deckhand.aws.AwsClients;
import dev.deckhand.testing.Ec2Xml;
import dev.deckhand.testing.StsStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.deckhand.testing.AwsStub.ec2Xml;
import static dev.deckhand.testing.AwsStub.queryAction;
import static org.assertj.core.api.Assertions.assertThat;

/** WireMock as STS and EC2: each member account is reached with an STS session of the person acting. */
class AssumeRoleWireTest {

    static final String DEV_ROLE = "arn:aws:iam::111111111111:role/deckhand";
    static final String PROD_ROLE = "arn:aws:iam::222222222222:role/deckhand";

    WireMockServer server;
    AwsClients clients;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        Accounts accounts = new Accounts(List.of(
                new Account("dev", "111111111111", DEV_ROLE, "ext-dev-42", List.of("us-east-1", "eu-west-1"), "us-east-1"),
                new Account("prod", "222222222222", PROD_ROLE, "", List.of("ap-northeast-2"), "ap-northeast-2"),
                new Account("hub", "333333333333", "", "", List.of("us-east-1"), "us-east-1")));
        clients = new AwsClients(new AwsClients.Settings(Optional.of(URI.create(server.baseUrl())),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDHUB", "hub-secret")), 1), accounts, "us-east-1");
        server.stubFor(queryAction("DescribeInstances").willReturn(ec2Xml("DescribeInstances", Ec2Xml.reservations())));
    }

    @AfterEach
    void stop() {
        clients.close();
        server.stop();
    }

    private void describeAs(String account, String user, String approval, String region) {
        CallerScope.call(new CallerScope.Caller(account, user, approval),
                () -> clients.watching(List.of(), "us-east-1").ec2(region).describeInstances());
    }

    private List<LoggedRequest> ec2Calls() {
        return server.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlPathEqualTo("/"))
                .withRequestBody(containing("Action=DescribeInstances&")));
    }

    @Test
    void assumeRole_asksForTheConfiguredRole_externalId_sessionNameAndTags_andItsKeysSignTheEc2Call() {
        StsStub.assumeRole(server, DEV_ROLE, "ASIADEVKEY", Duration.ofHours(1));

        describeAs("dev", "U024BE7LH", "ab12cd34", "eu-west-1");

        assertThat(StsStub.assumeRoles(server)).singleElement().satisfies(p -> assertThat(p)
                .containsEntry("Action", "AssumeRole")
                .containsEntry("RoleArn", DEV_ROLE)
                .containsEntry("ExternalId", "ext-dev-42")
                .containsEntry("RoleSessionName", "deckhand-U024BE7LH")
                .containsEntry("Tags.member.1.Key", "deckhand:user").containsEntry("Tags.member.1.Value", "U024BE7LH")
                .containsEntry("Tags.member.2.Key", "deckhand:approval").containsEntry("Tags.member.2.Value", "ab12cd34")
                .containsEntry("DurationSeconds", "3600"));
        // STS is called with the hub's own keys; EC2 with the temporary ones.
        LoggedRequest sts = server.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlPathEqualTo("/"))
                .withRequestBody(containing("Action=AssumeRole&"))).get(0);
        assertThat(StsStub.signedBy(sts)).isEqualTo("AKIDHUB");
        assertThat(ec2Calls()).singleElement().satisfies(r -> {
            assertThat(StsStub.signedBy(r)).isEqualTo("ASIADEVKEY");
            assertThat(r.getHeader("Authorization")).contains("/eu-west-1/ec2/aws4_request");
            assertThat(r.getHeader("X-Amz-Security-Token")).isEqualTo("token-ASIADEVKEY");
        });
    }

    @Test
    void noExternalIdConfigured_noneIsSent_andEachAccountUsesItsOwnRole() {
        StsStub.assumeRole(server, DEV_ROLE, "ASIADEVKEY", Duration.ofHours(1));
        StsStub.assumeRole(server, PROD_ROLE, "ASIAPRODKEY", Duration.ofHours(1));

        describeAs("prod", "U1", "", "ap-northeast-2");
        describeAs("dev", "U1", "", "us-east-1");

        List<java.util.Map<String, String>> asked = StsStub.assumeRoles(server);
        assertThat(asked).hasSize(2);
        assertThat(asked.get(0)).containsEntry("RoleArn", PROD_ROLE).doesNotContainKey("ExternalId")
                .doesNotContainKey("Tags.member.2.Key");
        assertThat(asked.get(1)).containsEntry("RoleArn", DEV_ROLE);
        assertThat(ec2Calls()).extracting(StsStub::signedBy).containsExactly("ASIAPRODKEY", "ASIADEVKEY");
    }

    @Test
    void session_isReusedPerAccountAndUser_untilNearExpiry() {
        StsStub.assumeRole(server, DEV_ROLE, "ASIADEVKEY", Duration.ofHours(1));

        describeAs("dev", "U1", "", "us-east-1");
        describeAs("dev", "U1", "", "us-east-1");
        describeAs("dev", "U1", "", "eu-west-1");
        describeAs("dev", "U2", "", "us-east-1");

        assertThat(StsStub.assumeRoles(server)).extracting(p -> p.get("RoleSessionName"))
                .containsExactly("deckhand-U1", "deckhand-U2");
        assertThat(ec2Calls()).hasSize(4).allSatisfy(r -> assertThat(StsStub.signedBy(r)).isEqualTo("ASIADEVKEY"));
    }

    @Test
    void session_closeToExpiry_isRefreshedByTheProvider_andTheNewKeysSign() {
        server.stubFor(post(urlPathEqualTo("/")).withRequestBody(containing("Action=AssumeRole&"))
                .inScenario("refresh").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(StsStub.credentials("ASIAFIRST", Duration.ofSeconds(61))).willSetStateTo("second"));
        server.stubFor(post(urlPathEqualTo("/")).withRequestBody(containing("Action=AssumeRole&"))
                .inScenario("refresh").whenScenarioStateIs("second")
                .willReturn(StsStub.credentials("ASIASECOND", Duration.ofHours(1))));

        // Inside the 5-minute prefetch window the SDK refreshes at a jittered moment; past the stale time
        // (1 minute before expiry) it must refresh before the next use. Keys valid for 61 s go stale after 1 s.
        describeAs("dev", "U1", "", "us-east-1");
        sleepQuietly(1_500);
        describeAs("dev", "U1", "", "us-east-1");
        describeAs("dev", "U1", "", "us-east-1");

        assertThat(StsStub.assumeRoles(server)).hasSize(2)
                .allSatisfy(p -> assertThat(p).containsEntry("RoleSessionName", "deckhand-U1"));
        assertThat(ec2Calls()).extracting(StsStub::signedBy).containsExactly("ASIAFIRST", "ASIASECOND", "ASIASECOND");
    }

    @Test
    void hubAccount_withoutARole_usesDeckhandsOwnCredentials_andNoSts() {
        describeAs("hub", "U1", "", "us-east-1");

        assertThat(StsStub.assumeRoles(server)).isEmpty();
        assertThat(ec2Calls()).singleElement().satisfies(r -> assertThat(StsStub.signedBy(r)).isEqualTo("AKIDHUB"));
    }

    @Test
    void regionNotWatchedInTheAccount_isRefused_beforeAnyClientOrSession() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> describeAs("prod", "U1", "", "eu-west-1"))
                .hasMessageContaining("Deckhand does not work in region 'eu-west-1' of account prod. Watched there: ap-northeast-2");
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    @Test
    void workWithoutAPerson_theCostScan_usesTheBotSession_inThePinnedAccount() {
        StsStub.assumeRole(server, PROD_ROLE, "ASIAPRODKEY", Duration.ofHours(1));

        clients.watching(List.of(), "us-east-1").inAccount("prod").ec2("ap-northeast-2").describeInstances();

        assertThat(StsStub.assumeRoles(server)).singleElement().satisfies(p -> assertThat(p)
                .containsEntry("RoleSessionName", "deckhand-bot").containsEntry("Tags.member.1.Value", "deckhand-bot"));
        assertThat(ec2Calls()).singleElement().satisfies(r -> assertThat(StsStub.signedBy(r)).isEqualTo("ASIAPRODKEY"));
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
