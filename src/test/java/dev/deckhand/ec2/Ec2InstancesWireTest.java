package dev.deckhand.ec2;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.deckhand.chat.Reply;
import dev.deckhand.testing.Ec2Xml;
import dev.deckhand.testing.Ec2Xml.Instance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;


import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static dev.deckhand.testing.AwsStub.ec2Error;
import static dev.deckhand.testing.AwsStub.ec2Xml;
import static dev.deckhand.testing.AwsStub.inRegion;
import static dev.deckhand.testing.AwsStub.queryAction;
import static org.assertj.core.api.Assertions.assertThat;

/** list, show and the lifecycle commands over EC2's Query/XML wire format. */
class Ec2InstancesWireTest extends Ec2WireTest {

    static final Instance WEB = Instance.running("i-0abc1234", "web-1").owner("U0DEV");

    /** Nothing has an Elastic IP unless a test says so. */
    @BeforeEach
    void noElasticIps() {
        f.answer("DescribeAddresses", Ec2Xml.addresses());
    }

    private void inRegionAnswer(String region, String action, String xml) {
        f.answer(inRegion(queryAction(action), region), ec2Xml(action, xml));
    }

    @Test
    void list_allRegions_asksEveryEnabledRegionAndMarksElasticIps() {
        inRegionAnswer("us-east-1", "DescribeInstances", Ec2Xml.reservations(WEB,
                Instance.running("i-0dbd0001", "db-1").state(80)));
        inRegionAnswer("eu-west-1", "DescribeInstances", Ec2Xml.reservations());
        inRegionAnswer("ap-northeast-2", "DescribeInstances", Ec2Xml.reservations(
                Instance.running("i-0cee0001", "api-kr").ip("3.38.1.2").type("t2.micro")));
        inRegionAnswer("ap-northeast-2", "DescribeAddresses",
                Ec2Xml.addresses(new String[] {"3.38.1.2", "eipalloc-0kr", "i-0cee0001"}));

        Reply reply = f.admin("ec2 list --all-regions");

        assertThat(f.aws.requests("DescribeInstances")).hasSize(3);
        assertThat(reply.isInChannel()).isFalse();
        assertThat(reply.plainText()).isEqualTo("""
                == EC2 instances in 3 regions (3) ==
                ```
                NAME    ID          TYPE      STATE    PUBLIC IP    EIP  AGE  OWNER  REGION
                api-kr  i-0cee0001  t2.micro  running  3.38.1.2     yes  5d   -      ap-northeast-2
                db-1    i-0dbd0001  t3.micro  stopped  -            no   5d   -      us-east-1
                web-1   i-0abc1234  t3.micro  running  54.210.1.10  no   5d   U0DEV  us-east-1
                ```""");
    }

    @Test
    void list_allRegions_namesARegionThatFailedAndListsTheRest() {
        inRegionAnswer("us-east-1", "DescribeInstances", Ec2Xml.reservations(WEB));
        inRegionAnswer("eu-west-1", "DescribeInstances", Ec2Xml.reservations());
        inRegionAnswer("ap-northeast-2", "DescribeInstances", Ec2Xml.reservations(WEB));
        f.answer(inRegion(queryAction("DescribeAddresses"), "ap-northeast-2"),
                ec2Error(403, "UnauthorizedOperation", "You are not authorized to perform this operation."));

        Reply reply = f.admin("ec2 list --all-regions --state running");

        assertThat(reply.body()).contains("web-1").doesNotContain("ap-northeast-2  ");
        assertThat(reply.context()).containsExactly("Not listed: ap-northeast-2: AWS refused ec2:DescribeAddresses in "
                + "ap-northeast-2: Deckhand's credentials lack permission. Add the IAM action `ec2:DescribeAddresses` to "
                + "the role or user Deckhand runs as.");
    }

    @Test
    void list_whenCredentialsAreRejected_saysToCheckThem() {
        f.answer(queryAction("DescribeInstances"), ec2Error(401, "AuthFailure",
                "AWS was not able to validate the provided access credentials"));

        Reply reply = f.admin("ec2 list");

        assertThat(reply.body()).isEqualTo("AWS did not accept Deckhand's credentials for ec2:DescribeInstances in "
                + "us-east-1 (HTTP 401). Check the AWS_PROFILE / AWS_ACCESS_KEY_ID Deckhand runs with, or renew an "
                + "expired session.");
    }

    @Test
    void list_withState_filtersAndSaysWhenNothingMatches() {
        f.answer("DescribeInstances", Ec2Xml.reservations(WEB));

        Reply reply = f.admin("ec2 list --state stopped");

        assertThat(reply.plainText()).isEqualTo("""
                == EC2 instances in us-east-1 (0) ==
                No stopped instances in us-east-1.
                  > Looking for one elsewhere? `ec2 list --all-regions`""");
    }

    @Test
    void list_withAnUnknownState_explainsTheChoices() {
        Reply reply = f.admin("ec2 list --state sleeping");

        assertThat(reply.body()).isEqualTo("--state must be one of pending, running, shutting-down, terminated, "
                + "stopping, stopped, not 'sleeping'.\nFor example: ec2 list --state stopped");
    }

    @Test
    void list_throttledOnce_isRetriedAndAnswers() {
        f.aws.server.stubFor(queryAction("DescribeInstances").inScenario("throttle").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(ec2Error(503, "RequestLimitExceeded", "Request limit exceeded."))
                .willSetStateTo("calm"));
        f.aws.server.stubFor(queryAction("DescribeInstances").inScenario("throttle").whenScenarioStateIs("calm")
                .willReturn(ec2Xml("DescribeInstances", Ec2Xml.reservations(WEB))));

        Reply reply = f.admin("ec2 list");

        assertThat(f.aws.requests("DescribeInstances")).hasSize(2);
        assertThat(reply.body()).contains("web-1  i-0abc1234");
    }

    @Test
    void list_whenTheConnectionDropsEveryTime_saysAwsCouldNotBeReached() {
        f.answer(queryAction("DescribeInstances"), aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        Reply reply = f.admin("ec2 list");

        assertThat(f.aws.requests("DescribeInstances")).hasSize(3);
        assertThat(reply.header()).isEqualTo("Could not ec2 list");
        assertThat(reply.body()).startsWith("Could not reach AWS for ec2:DescribeInstances in us-east-1 (")
                .endsWith("), even after retries. Check the network or the endpoint, then try again.");
    }

    @Test
    void list_whenTheConnectionDropsOnce_isRetried() {
        f.aws.server.stubFor(queryAction("DescribeInstances").inScenario("reset").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("up"));
        f.aws.server.stubFor(queryAction("DescribeInstances").inScenario("reset").whenScenarioStateIs("up")
                .willReturn(ec2Xml("DescribeInstances", Ec2Xml.reservations(WEB))));

        Reply reply = f.admin("ec2 list");

        assertThat(f.aws.requests("DescribeInstances")).hasSize(2);
        assertThat(reply.header()).isEqualTo("EC2 instances in us-east-1 (1)");
    }

    @Test
    void show_whenTheInstanceIsInAnotherRegion_saysWhere() {
        inRegionAnswer("us-east-1", "DescribeInstances", Ec2Xml.reservations());
        inRegionAnswer("eu-west-1", "DescribeInstances", Ec2Xml.reservations());
        inRegionAnswer("ap-northeast-2", "DescribeInstances", Ec2Xml.reservations(WEB));

        Reply reply = f.admin("ec2 show web-1");

        assertThat(reply.plainText()).isEqualTo("""
                == Not in us-east-1 ==
                web-1 is not in us-east-1; it is in ap-northeast-2. Use --region ap-northeast-2 or `region ap-northeast-2`.
                  [Show in ap-northeast-2: ec2 show web-1 --region ap-northeast-2] \
                [Make ap-northeast-2 this channel's region: region ap-northeast-2]""");
        assertThat(f.params("DescribeInstances")).containsEntry("Filter.1.Name", "tag:Name")
                .containsEntry("Filter.1.Value.1", "web-1");
    }

    @Test
    void show_whenTheInstanceIsNowhere_saysSo() {
        f.answer("DescribeInstances", Ec2Xml.reservations());

        Reply reply = f.admin("ec2 show web-9");

        assertThat(reply.body()).isEqualTo("No instance web-9 in us-east-1 or in the 2 other enabled regions. "
                + "`ec2 list --all-regions` shows every instance.");
    }

    @Test
    void show_describesRulesVolumesAndElasticIps() {
        f.answer("DescribeInstances", Ec2Xml.reservations(WEB.ip("3.3.3.3")));
        f.answer("DescribeAddresses", Ec2Xml.addresses(new String[] {"3.3.3.3", "eipalloc-0web", "i-0abc1234"}));
        f.answer("DescribeSecurityGroups", Ec2Xml.securityGroup("sg-0web1", "deckhand-web-1",
                new String[] {"tcp", "22", "0.0.0.0/0"}, new String[] {"tcp", "443", "0.0.0.0/0"}));
        f.answer("DescribeVolumes", Ec2Xml.volume("vol-0web1", "i-0abc1234", 8, "gp3"));

        Reply reply = f.admin("ec2 show web-1");

        assertThat(reply.plainText()).isEqualTo("""
                == web-1 (i-0abc1234) ==
                *Security groups*
                - deckhand-web-1 (sg-0web1): tcp 22 from 0.0.0.0/0, tcp 443 from 0.0.0.0/0
                *Volumes*
                - vol-0web1 /dev/xvda: 8 GB gp3, deleted with the instance
                Warning: SSH (22) is open to the internet through deckhand-web-1 (sg-0web1).
                  ID:         i-0abc1234
                  Type:       t3.micro
                  State:      running
                  Public IP:  3.3.3.3 (Elastic IP)
                  Region:     us-east-1
                  Private IP: 10.0.0.12
                  Zone:       us-east-1a
                  AMI:        ami-0123456789abcdef0
                  Key pair:   my-key
                  Launched:   2026-11-20T12:00:00Z (5d ago)
                  Owner:      U0DEV
                  Expires:    never
                  Cost/month: ~$11.88 as it is now
                  > Elastic IP 3.3.3.3 (eipalloc-0web) is attached; it stays billed even when the instance is stopped or terminated.
                  [Stop: ec2 stop i-0abc1234 --region us-east-1] [Reboot: ec2 reboot i-0abc1234 --region us-east-1]""");
    }

    @Test
    void show_ofATerminatedInstanceWhoseGroupIsGone_showsTheInstanceAndSaysTheGroupIsGone() {
        f.answer("DescribeInstances", Ec2Xml.reservations(WEB.state(48)));
        // Asked by id, EC2 refuses the whole call for one deleted group; the group-id filter answers what is left.
        f.answer(queryAction("DescribeSecurityGroups").withFormParam("GroupId.1", equalTo("sg-0web1")),
                ec2Error(400, "InvalidGroup.NotFound", "The security group 'sg-0web1' does not exist"));
        f.answer(queryAction("DescribeSecurityGroups").withFormParam("Filter.1.Name", equalTo("group-id")),
                ec2Xml("DescribeSecurityGroups", "<securityGroupInfo/>"));
        f.answer("DescribeVolumes", "<volumeSet/>");

        Reply reply = f.admin("ec2 show i-0abc1234");

        assertThat(reply.header()).isEqualTo("web-1 (i-0abc1234)");
        assertThat(reply.plainText()).doesNotContain("AWS refused")
                .contains("- deckhand-web-1 (sg-0web1): gone (the group was deleted; the instance still names it)")
                .contains("State:      terminated");
    }

    @Test
    void stop_withoutElasticIp_warnsThatThePublicIpWillChange() {
        f.deployer("U0DEV");
        f.answer("DescribeInstances", Ec2Xml.reservations(WEB));
        f.answer("StopInstances", Ec2Xml.stateChange("i-0abc1234", 16, 64).replace("instancesSet", "instancesSet"));

        Reply reply = f.run("U0DEV", "ec2 stop web-1");

        assertThat(f.params("StopInstances")).containsEntry("InstanceId.1", "i-0abc1234");
        assertThat(reply.isInChannel()).isTrue();
        assertThat(reply.plainText()).isEqualTo("""
                == Stopping web-1 ==
                U0DEV stopped web-1 (i-0abc1234) in us-east-1: running -> stopping.
                Warning: its public IP 54.210.1.10 will change when it starts again: no Elastic IP is attached. \
                Update DNS records or firewall rules that use it.
                  ID:        i-0abc1234
                  Type:      t3.micro
                  State:     stopping
                  Public IP: none
                  Region:    us-east-1
                  [Start: ec2 start i-0abc1234 --region us-east-1]""");
        assertThat(f.deckhand.auditLog().latest(1)).singleElement()
                .satisfies(e -> assertThat(e.resources()).containsExactly("i-0abc1234"));
    }

    @Test
    void stop_withElasticIp_saysTheAddressStays() {
        f.answer("DescribeInstances", Ec2Xml.reservations(WEB.ip("3.3.3.3")));
        f.answer("DescribeAddresses", Ec2Xml.addresses(new String[] {"3.3.3.3", "eipalloc-0web", "i-0abc1234"}));
        f.answer("StopInstances", Ec2Xml.stateChange("i-0abc1234", 16, 64));

        Reply reply = f.admin("ec2 stop web-1");

        assertThat(reply.body()).contains("Elastic IP 3.3.3.3 stays attached, so the address survives the stop "
                + "(it is billed while stopped: $3.65/month).").doesNotContain("will change");
    }

    @Test
    void start_aStoppedInstance_startsItAndOffersShow() {
        f.answer("DescribeInstances", Ec2Xml.reservations(WEB.state(80)));
        f.answer("StartInstances", Ec2Xml.stateChange("i-0abc1234", 80, 0));

        Reply reply = f.admin("ec2 start i-0abc1234");

        assertThat(f.params("DescribeInstances")).containsEntry("Filter.1.Name", "instance-id");
        assertThat(f.params("StartInstances")).containsEntry("InstanceId.1", "i-0abc1234");
        assertThat(reply.body()).isEqualTo("console started web-1 (i-0abc1234) in us-east-1: stopped -> pending.");
        assertThat(reply.buttons()).extracting(b -> b.command()).containsExactly("ec2 show i-0abc1234 --region us-east-1");
    }

    @Test
    void start_aRunningInstance_changesNothing() {
        f.answer("DescribeInstances", Ec2Xml.reservations(WEB));

        Reply reply = f.admin("ec2 start web-1");

        assertThat(reply.body()).isEqualTo("web-1 (i-0abc1234) is already running.");
        assertThat(f.aws.requests("StartInstances")).isEmpty();
    }

    @Test
    void terminate_approvedByASecondAdmin_namesTheElasticIpsLeftBehind() {
        f.answer("DescribeInstances", Ec2Xml.reservations(WEB.ip("3.3.3.3")));
        f.answer("DescribeAddresses", Ec2Xml.addresses(new String[] {"3.3.3.3", "eipalloc-0web", "i-0abc1234"}));
        f.answer("TerminateInstances", Ec2Xml.stateChange("i-0abc1234", 16, 32));
        f.grant("U0BOSS", "admin");

        String id = Ec2WireFixture.requestId(f.admin("ec2 terminate web-1"));
        assertThat(f.aws.requests("TerminateInstances")).isEmpty();
        f.run("U0BOSS", "approve " + id);

        assertThat(f.params("TerminateInstances")).containsEntry("InstanceId.1", "i-0abc1234");
        assertThat(f.chat.ofKind("thread")).last().extracting(t -> t.reply().body()).isEqualTo("""
                console terminated web-1 (i-0abc1234) in us-east-1: running -> shutting-down.
                Warning: Elastic IP 3.3.3.3 (eipalloc-0web) will be left behind, still allocated and billed \
                ($3.65/month each) until it is released.
                That saves about $7.59/month.""");
    }

    @Test
    void terminate_byADeployer_needsApprovalBeforeAws() {
        f.deployer("U0DEV");
        f.answer("DescribeInstances", Ec2Xml.reservations(WEB));
        f.answer("DescribeAddresses", Ec2Xml.addresses());

        Reply reply = f.run("U0DEV", "ec2 terminate web-1");

        assertThat(reply.header()).isEqualTo("Needs approval");
        assertThat(reply.body()).startsWith("`ec2 terminate web-1 --region us-east-1` needs approval (request ");
        // The card's plan reads the instance; nothing is changed before approval.
        assertThat(f.aws.requests("TerminateInstances")).isEmpty();
        assertThat(f.aws.server.getAllServeEvents()).allSatisfy(e -> assertThat(e.getRequest().getBodyAsString())
                .containsAnyOf("Action=DescribeInstances", "Action=DescribeAddresses"));
    }

    @Test
    void terminate_byADeployer_theCardListsTheInstanceTheElasticIpsLeftBehind_andTheMonthlySaving() {
        f.deployer("U0DEV");
        f.answer("DescribeInstances", Ec2Xml.reservations(WEB.ip("3.3.3.3")));
        f.answer("DescribeAddresses", Ec2Xml.addresses(new String[] {"3.3.3.3", "eipalloc-0web", "i-0abc1234"}));

        String id = Ec2WireFixture.requestId(f.run("U0DEV", "ec2 terminate web-1"));

        Reply card = f.chat.ofKind("post").get(0).reply();
        assertThat(card.body()).isEqualTo("""
                U0DEV asks to run `ec2 terminate web-1 --region us-east-1`.
                *What it will do*
                In us-east-1 it will:
                • delete instance web-1 (i-0abc1234)
                Warning: Elastic IP 3.3.3.3 (eipalloc-0web) will be left behind, still allocated and billed \
                ($3.65/month each) until it is released.""");
        assertThat(card.fields()).contains(new Reply.Field("Request", id));
        // The plan's fields follow the card's own; the region, already on the card, is not repeated.
        assertThat(card.fields().subList(7, card.fields().size())).containsExactly(new Reply.Field("Request", id),
                new Reply.Field("ID", "i-0abc1234"), new Reply.Field("Type", "t3.micro"),
                new Reply.Field("State", "running"), new Reply.Field("Public IP", "3.3.3.3 (Elastic IP)"),
                new Reply.Field("Saving", "$7.59/month"));
        assertThat(card.fields()).contains(new Reply.Field("Cost change", "-$7.59/month"));
        assertThat(card.buttons()).extracting(b -> b.command()).containsExactly("approve " + id, "deny " + id);
        assertThat(f.aws.requests("TerminateInstances")).isEmpty();
    }

    @Test
    void terminate_ofAMissingInstance_isRefusedAtOnce_andNoRequestIsMade() {
        f.deployer("U0DEV");
        f.answer("DescribeInstances", Ec2Xml.reservations());

        Reply reply = f.run("U0DEV", "ec2 terminate web-9");

        assertThat(reply.header()).isEqualTo("Could not ec2 terminate");
        assertThat(reply.body()).isEqualTo("No instance web-9 in us-east-1 or in the 2 other enabled regions. "
                + "`ec2 list --all-regions` shows every instance.");
        assertThat(f.chat.ofKind("post")).isEmpty();
        assertThat(f.run("U0DEV", "approvals").body()).isEqualTo("No approval requests are waiting.");
        assertThat(f.aws.requests("TerminateInstances")).isEmpty();
    }

    @Test
    void stop_ofAnUnknownId_isReportedAsNotFound() {
        f.answer("DescribeInstances", Ec2Xml.reservations());

        Reply reply = f.admin("ec2 stop i-0123456789abcdef0");

        assertThat(reply.body()).isEqualTo("No instance i-0123456789abcdef0 in us-east-1 or in the 2 other enabled "
                + "regions. `ec2 list --all-regions` shows every instance.");
    }

    @Test
    void reboot_showsThePublicIpItKeeps_andDoesNotSayOneWillShowLater() {
        f.answer("DescribeInstances", Ec2Xml.reservations(WEB));
        f.answer("RebootInstances", "<return>true</return>");

        Reply reply = f.admin("ec2 reboot web-1");

        assertThat(f.aws.requests("RebootInstances")).hasSize(1);
        assertThat(reply.fields()).contains(new Reply.Field("Public IP", "54.210.1.10"));
        assertThat(reply.context()).containsExactly("A reboot keeps its public IP (shown above); `ec2 show web-1` shows "
                + "when it is back up.");
    }

    @Test
    void reboot_whenAwsSaysTheInstanceIsGone_saysSo() {
        f.answer("DescribeInstances", Ec2Xml.reservations(WEB));
        f.answer(queryAction("RebootInstances"), ec2Error(400, "InvalidInstanceID.NotFound",
                "The instance ID 'i-0abc1234' does not exist"));

        Reply reply = f.admin("ec2 reboot web-1");

        assertThat(reply.body()).isEqualTo("Instance i-0abc1234 was not found in us-east-1 (InvalidInstanceID.NotFound). "
                + "Check the id with `ec2 list --region us-east-1`.");
    }

    @Test
    void terminate_approved_whenTheNameNowMeansANewerInstance_runsNothing_andTheReplySaysWhatChanged() {
        f.deployer("U0DEV");
        f.answer("DescribeInstances", Ec2Xml.reservations(WEB));
        f.answer("TerminateInstances", Ec2Xml.stateChange("i-0abc1234", 16, 32));
        String id = Ec2WireFixture.requestId(f.run("U0DEV", "ec2 terminate web-1"));
        // Before the approval, web-1 was replaced: the name now resolves to a newer instance.
        f.answer("DescribeInstances", Ec2Xml.reservations(Instance.running("i-0def5678", "web-1").owner("U0DEV")));

        f.admin("approve " + id);

        assertThat(f.aws.requests("TerminateInstances")).isEmpty();
        assertThat(f.chat.ofKind("thread")).last().satisfies(t -> {
            assertThat(t.reply().header()).isEqualTo("Not run: changed since it was approved");
            assertThat(t.reply().plainText()).contains("approved: Delete: delete instance web-1 (i-0abc1234)")
                    .contains("now: Delete: delete instance web-1 (i-0def5678)");
        });
    }
}
