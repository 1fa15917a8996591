package dev.deckhand.network;

import dev.deckhand.chat.Reply;
import dev.deckhand.testing.InfraCommandTest;
import dev.deckhand.testing.InfraXml;
import dev.deckhand.testing.TestDeckhand;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static dev.deckhand.testing.AwsStub.ec2Error;
import static dev.deckhand.testing.AwsStub.ec2Xml;
import static dev.deckhand.testing.AwsStub.queryAction;
import static org.assertj.core.api.Assertions.assertThat;

class SecurityGroupCommandsTest extends InfraCommandTest {

    static final String SG = "sg-0123456789abcdef0";

    @BeforeEach
    void start() {
        aws.server.stubFor(queryAction("DescribeSecurityGroups").atPriority(9)
                .willReturn(ec2Xml("DescribeSecurityGroups", InfraXml.groups())));
        aws.server.stubFor(queryAction("DescribeSecurityGroups").withFormParam("Filter.1.Name", equalTo("group-name"))
                .withFormParam("Filter.1.Value.1", equalTo("web")).atPriority(1)
                .willReturn(ec2Xml("DescribeSecurityGroups", InfraXml.groups(InfraXml.ownedGroup(SG, "web", "shop", "U2",
                        InfraXml.tcpRule(80, 80, "0.0.0.0/0"), InfraXml.tcpRule(22, 22, "203.0.113.7/32"))))));
        aws.server.stubFor(queryAction("DescribeSecurityGroups").withFormParam("Filter.1.Name", equalTo("group-id"))
                .withFormParam("Filter.1.Value.1", equalTo(SG)).atPriority(1)
                .willReturn(ec2Xml("DescribeSecurityGroups", InfraXml.groups(InfraXml.ownedGroup(SG, "web", "shop", "U2",
                        InfraXml.tcpRule(22, 22, "0.0.0.0/0"))))));
        aws.server.stubFor(queryAction("DescribeInstances").withFormParam("Filter.1.Value.1", equalTo("web-1"))
                .willReturn(ec2Xml("DescribeInstances", InfraXml.reservations(
                        InfraXml.instance("i-0abc12345678", "web-1", "running", "54.1.2.3", SG, "shop")))));
        aws.server.stubFor(queryAction("DescribeInstances").atPriority(9)
                .willReturn(ec2Xml("DescribeInstances", InfraXml.reservations())));
        aws.server.stubFor(queryAction("AuthorizeSecurityGroupIngress")
                .willReturn(ec2Xml("AuthorizeSecurityGroupIngress", "<return>true</return>")));
        aws.server.stubFor(queryAction("RevokeSecurityGroupIngress")
                .willReturn(ec2Xml("RevokeSecurityGroupIngress", "<return>true</return>")));
    }

    @Test
    void show_ofInstance_listsItsGroupsRulesAndFlagsWorldOpenSsh() {
        Reply reply = run("U2", "sg show web-1");

        assertThat(reply.header()).isEqualTo("Security groups of web-1 (i-0abc12345678)");
        assertThat(reply.body()).isEqualTo("*web* `" + SG + "` in vpc-0abc1234, stack shop\n"
                + "  • tcp 22 from 0.0.0.0/0  :warning: open to the internet");
    }

    @Test
    void helpSgOpen_saysWhatThePolicyDoes_worldOpenPortsAreHeldForApprovalForEveryone() {
        Reply help = run("U2", "help sg open");

        assertThat(help.body()).isEqualTo("Opens a TCP port (default from anywhere). Port 22 needs an explicit --from, and "
                + "opening it to the internet needs approval, whatever the role (approvals.worldOpenPorts)");
        // And it does: even an admin's SSH to the internet waits for someone else.
        assertThat(run("UBOSS", "sg open web 22 --from 0.0.0.0/0").header()).isEqualTo("Needs approval");
    }

    @Test
    void show_whenNothingMatches_saysWhatToGive() {
        Reply reply = run("U2", "sg show nothing");

        assertThat(reply.body()).isEqualTo("No security group or instance 'nothing' in us-east-1. Give a group id "
                + "(sg-0abc...), a group name, or an instance's id or Name tag; add --region if it lives elsewhere.");
    }

    @Test
    void open_sendsTheIngressRuleToTheNamedGroup() {
        Reply reply = run("U2", "sg open web 443");

        assertThat(reply.body()).isEqualTo("Opened tcp 443 from 0.0.0.0/0 on web (" + SG + ") in us-east-1.");
        assertThat(reply.isInChannel()).isTrue();
        String body = aws.requests("AuthorizeSecurityGroupIngress").get(0).getBodyAsString();
        assertThat(body).contains("GroupId=" + SG, "IpPermissions.1.IpProtocol=tcp", "IpPermissions.1.FromPort=443",
                "IpPermissions.1.ToPort=443", "IpPermissions.1.IpRanges.1.CidrIp=0.0.0.0%2F0",
                "IpPermissions.1.IpRanges.1.Description=deckhand%3A+U2");
        assertThat(deckhand.auditLog().latest(1).get(0).resources()).containsExactly(SG);
    }

    @Test
    void open_throughInstance_withIpv6RangeAndPortRange_usesIpv6Ranges() {
        run("U2", "sg open web-1 8000-8010 --from 2001:db8::/32");

        String body = aws.requests("AuthorizeSecurityGroupIngress").get(0).getBodyAsString();
        assertThat(body).contains("GroupId=" + SG, "IpPermissions.1.FromPort=8000", "IpPermissions.1.ToPort=8010",
                "IpPermissions.1.Ipv6Ranges.1.CidrIpv6=2001%3Adb8%3A%3A%2F32");
    }

    @Test
    void open_ofARangeOrEveryPort_isWordedAsPortsNotAsOnePort() {
        assertThat(run("U2", "sg open web-1 8000-8010 --from 2001:db8::/32").context())
                .containsExactly("Ports 8000-8010 are now open to 2001:db8::/32.");
        assertThat(approved("U2", "sg open web 1-65535 --from 0.0.0.0/0").context())
                .containsExactly("Anyone on the internet can now reach every port (1-65535).");
    }

    @Test
    void open_onTheVpcsDefaultGroup_warnsItIsShared_andIsHeldForApprovalEvenForAnAdmin() {
        aws.server.stubFor(queryAction("DescribeSecurityGroups").withFormParam("Filter.1.Name", equalTo("group-name"))
                .withFormParam("Filter.1.Value.1", equalTo("default")).atPriority(1)
                .willReturn(ec2Xml("DescribeSecurityGroups", InfraXml.groups(InfraXml.group("sg-0def4017", "default", "")))));

        Reply dryRun = run("U2", "sg open default 8080 --dry-run");
        Reply asked = run("UBOSS", "sg open default 8080");

        assertThat(dryRun.plainText()).contains("default (sg-0def4017) is the VPC's shared default group (not Deckhand's): "
                + "the rule would open port 8080 on every instance that uses it");
        assertThat(asked.header()).isEqualTo("Needs approval");
        assertThat(asked.plainText()).contains("shared default group");
        assertThat(aws.requests("AuthorizeSecurityGroupIngress")).isEmpty();

        Reply opened = TestDeckhand.approve(deckhand, chat, "console", "C1", asked);

        assertThat(opened.body()).isEqualTo("Opened tcp 8080 from 0.0.0.0/0 on default (sg-0def4017) in us-east-1.");
        assertThat(aws.requests("AuthorizeSecurityGroupIngress")).hasSize(1);
    }

    @Test
    void open_whenRuleExists_saysSoWithoutError() {
        aws.server.stubFor(queryAction("AuthorizeSecurityGroupIngress").willReturn(ec2Error(400,
                "InvalidPermission.Duplicate", "the specified rule already exists")));

        Reply reply = run("U2", "sg open web 443");

        assertThat(reply.body()).isEqualTo("Tcp 443 from 0.0.0.0/0 on web (" + SG + ") in us-east-1 was already open; nothing changed.");
    }

    @Test
    void open_sshWithoutFrom_asksForASource() {
        Reply reply = run("U2", "sg open web 22");

        assertThat(reply.body()).isEqualTo("Opening port 22 needs an explicit --from: say who may connect.\n"
                + "Use your own address, e.g. `sg open web 22 --from 203.0.113.7/32`; --from 0.0.0.0/0 opens it to "
                + "everyone and needs approval.");
        assertThat(aws.requests("AuthorizeSecurityGroupIngress")).isEmpty();
    }

    @Test
    void open_sshToTheWorld_asDeployer_waitsForApproval_thenOpensOnce() {
        Reply reply = run("U2", "sg open web 22 --from ::/0");

        assertThat(reply.header()).isEqualTo("Needs approval");
        assertThat(reply.body()).endsWith("\nPort 22 on web (" + SG + ") would be open to more public IPv6 addresses than "
                + "a /48 through 203.0.113.7/32, ::/0.");
        assertThat(aws.requests("AuthorizeSecurityGroupIngress")).isEmpty();

        Reply opened = TestDeckhand.approve(deckhand, chat, "console", "C1", reply);

        assertThat(opened.body()).startsWith("Opened tcp 22 from ::/0 on web");
        assertThat(aws.requests("AuthorizeSecurityGroupIngress")).hasSize(1);
    }

    @Test
    void open_sshToTheWorld_asAdmin_alsoNeedsASecondPerson() {
        Reply reply = approved("console", "sg open web 22 --from 0.0.0.0/0");

        assertThat(reply.body()).startsWith("Opened tcp 22 from 0.0.0.0/0 on web");
        assertThat(aws.requests("AuthorizeSecurityGroupIngress")).hasSize(1);
    }

    @Test
    void portHints_offerRangesOnlyWhereRangesAreAccepted() {
        // sg open and sg close take a range (README: <port|from-to>), and their hint says so.
        assertThat(run("U2", "sg close web 80a").body()).isEqualTo("'80a' is not a port: it contains 'a', which is not a "
                + "digit 0-9.\nA port is a whole number from 1 to 65535, or a range like 8000-8010, e.g. `443`.");
        assertThat(run("U2", "sg close web 8000-8010").body()).doesNotContain("not a port");
        // elb create --port is one port: its hint offers no range it would refuse.
        assertThat(run("U2", "elb create shop --instance web-1 --port 8000-8010").body())
                .isEqualTo("'8000-8010' is not a port: it contains '-', which is not a digit 0-9.\n"
                        + "A port is a whole number from 1 to 65535, e.g. `443`.");
    }

    @Test
    void open_withBadPortOrCidr_explainsTheRightForm() {
        assertThat(run("U2", "sg open web 70000").body()).isEqualTo("'70000' is not a port.\n"
                + "A port is a whole number from 1 to 65535, or a range like 8000-8010, e.g. `443`.");
        assertThat(run("U2", "sg open web 90-80").body()).startsWith("The port range '90-80' runs backwards.");
        assertThat(run("U2", "sg open web 443 --from 10.0.0.1/33").body())
                .startsWith("'10.0.0.1/33' has a bad prefix length: it must be 0-32.");
        assertThat(run("U2", "sg open web 443 --from 10.0.0.1/16").body())
                .startsWith("'10.0.0.1/16' has host bits set after /16.");
        assertThat(run("U2", "sg open web 443 --from 300.1.1.1").body()).startsWith("'300.1.1.1' is not a CIDR block.");
        assertThat(aws.requests("AuthorizeSecurityGroupIngress")).isEmpty();
    }

    @Test
    void open_dryRun_changesNothing() {
        Reply reply = run("U2", "sg open web 443 --dry-run");

        assertThat(reply.plainText()).contains("open tcp 443 from 0.0.0.0/0 on web (" + SG + ")", "Nothing was changed.",
                "Without --dry-run this runs at once.");
        assertThat(aws.requests("AuthorizeSecurityGroupIngress")).isEmpty();
    }

    @Test
    void close_revokesTheExactRule() {
        Reply reply = run("U2", "sg close web 22 --from 203.0.113.7/32");

        assertThat(reply.body()).isEqualTo("Closed tcp 22 from 203.0.113.7/32 on web (" + SG + ") in us-east-1.");
        assertThat(aws.requests("RevokeSecurityGroupIngress").get(0).getBodyAsString())
                .contains("GroupId=" + SG, "IpPermissions.1.FromPort=22", "IpPermissions.1.IpRanges.1.CidrIp=203.0.113.7%2F32");
    }

    @Test
    void close_whenNoSuchRule_namesTheRulesThatCoverThePort() {
        Reply reply = run("U2", "sg close web 22");

        assertThat(reply.body()).isEqualTo("There is no rule tcp 22 from 0.0.0.0/0 on web (" + SG
                + ") in us-east-1; nothing changed.\nRules that cover port 22: tcp 22 from 203.0.113.7/32. Name the source with --from.");
        assertThat(aws.requests("RevokeSecurityGroupIngress")).isEmpty();
    }

    /** The group named web, answering with these tcp rules (as the group has them now). */
    private void webGroup(String owner, String... rules) {
        aws.server.stubFor(queryAction("DescribeSecurityGroups").withFormParam("Filter.1.Name", equalTo("group-name"))
                .withFormParam("Filter.1.Value.1", equalTo("web")).atPriority(1)
                .willReturn(ec2Xml("DescribeSecurityGroups", InfraXml.groups(InfraXml.ownedGroup(SG, "web", "shop", owner, rules)))));
    }

    @Test
    void open_sshToTheInternetInTwoHalves_byDeployer_eachHalfNeedsApproval_andTheSecondIsJudgedOnTheUnion() {
        Reply first = run("U2", "sg open web 22 --from 0.0.0.0/1");

        assertThat(first.header()).isEqualTo("Needs approval");
        assertThat(first.body()).contains("Port 22 on web (" + SG + ") would be open to");
        TestDeckhand.approve(deckhand, chat, "UBOSS", CHANNEL, first);
        assertThat(aws.requests("AuthorizeSecurityGroupIngress")).hasSize(1);
        // DescribeSecurityGroups now answers with the first half there.
        webGroup("U2", InfraXml.tcpRule(22, 22, "203.0.113.7/32"), InfraXml.tcpRule(22, 22, "0.0.0.0/1"));

        Reply second = run("U2", "sg open web 22 --from 128.0.0.0/1");

        assertThat(second.header()).isEqualTo("Needs approval");
        assertThat(second.body()).contains("Port 22 on web (" + SG + ") would be open to 3702258432 public IPv4 addresses "
                + "(more than a /16) through 0.0.0.0/1, 128.0.0.0/1, 203.0.113.7/32.");
        assertThat(aws.requests("AuthorizeSecurityGroupIngress")).hasSize(1);
        assertThat(run("console", "sg open web 22 --from 128.0.0.0/1").header()).as("whatever the role").isEqualTo("Needs approval");
    }

    @Test
    void open_sshToARangeThatIsSmallAlone_butWithTheGroupsOtherRulesCoversMoreThanTheLimit_needsApproval() {
        webGroup("U2", InfraXml.tcpRule(22, 22, "8.8.0.0/17"), InfraXml.tcpRule(20, 30, "8.8.128.0/17"));

        Reply reply = run("U2", "sg open web 22 --from 8.9.0.0/17");

        assertThat(reply.header()).isEqualTo("Needs approval");
        assertThat(reply.body()).contains("would be open to 98304 public IPv4 addresses (more than a /16) through "
                + "8.8.0.0/17, 8.8.128.0/17, 8.9.0.0/17.");
        assertThat(aws.requests("AuthorizeSecurityGroupIngress")).isEmpty();

        webGroup("U2", InfraXml.tcpRule(22, 22, "8.8.0.0/17"));
        assertThat(run("U2", "sg open web 22 --from 8.8.128.0/17").body()).startsWith("Opened tcp 22 from 8.8.128.0/17 on web");
    }

    @Test
    void open_onAnotherOwnersGroup_byDeployer_needsApproval_andNamesTheOwner() {
        webGroup("UOTHER", InfraXml.tcpRule(80, 80, "0.0.0.0/0"));

        Reply reply = run("U2", "sg open web 443");

        assertThat(reply.header()).isEqualTo("Needs approval");
        assertThat(reply.body()).contains("The security group web (" + SG + ") belongs to UOTHER.");
        assertThat(aws.requests("AuthorizeSecurityGroupIngress")).isEmpty();
    }

    @Test
    void close_onAGroupWithNoOwner_byDeployer_needsApproval() {
        aws.server.stubFor(queryAction("DescribeSecurityGroups").withFormParam("Filter.1.Name", equalTo("group-name"))
                .withFormParam("Filter.1.Value.1", equalTo("web")).atPriority(1)
                .willReturn(ec2Xml("DescribeSecurityGroups", InfraXml.groups(InfraXml.group(SG, "web", "",
                        InfraXml.tcpRule(22, 22, "203.0.113.7/32"))))));

        Reply reply = run("U2", "sg close web 22 --from 203.0.113.7/32");

        assertThat(reply.header()).isEqualTo("Needs approval");
        assertThat(reply.body()).contains("The security group web (" + SG + ") has no owner (no deckhand:owner tag).");
        assertThat(aws.requests("RevokeSecurityGroupIngress")).isEmpty();
    }

    @Test
    void open_approved_afterTheGroupGainedARule_opensNothing() {
        Reply held = run("U2", "sg open web 22 --from 0.0.0.0/0");
        webGroup("U2", InfraXml.tcpRule(22, 22, "203.0.113.7/32"), InfraXml.tcpRule(3306, 3306, "10.0.0.0/8"));

        Reply answer = TestDeckhand.approve(deckhand, chat, "UBOSS", CHANNEL, held);

        assertThat(answer.header()).isEqualTo("Not run: changed since it was approved");
        assertThat(aws.requests("AuthorizeSecurityGroupIngress")).isEmpty();
    }

    @Test
    void open_asViewer_isDenied() {
        assertThat(run("U9", "sg open web 443").header()).isEqualTo("Not allowed");
    }
}
