package dev.deckhand.aws.ec2;

import dev.deckhand.command.UserFacingException;
import dev.deckhand.testing.AwsStub;
import dev.deckhand.testing.Ec2Xml;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.deckhand.testing.AwsStub.ec2Error;
import static dev.deckhand.testing.AwsStub.ec2Xml;
import static dev.deckhand.testing.AwsStub.json;
import static dev.deckhand.testing.AwsStub.jsonTarget;
import static dev.deckhand.testing.AwsStub.queryAction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The AWS side on its own: region discovery, AMI aliases, security-group reuse. */
class AwsEc2ServiceTest {

    final AwsStub aws = new AwsStub(1);

    @AfterEach
    void stop() {
        aws.close();
    }

    @Test
    void enabledRegions_withoutConfiguredRegions_asksDescribeRegionsOnce() {
        aws.server.stubFor(queryAction("DescribeRegions").willReturn(ec2Xml("DescribeRegions",
                Ec2Xml.regions("us-east-1", "ap-northeast-2", "eu-west-1"))));
        AwsEc2Service ec2 = new AwsEc2Service(aws.clients, List.of(), "us-east-1");

        assertThat(ec2.enabledRegions()).containsExactly("ap-northeast-2", "eu-west-1", "us-east-1");
        assertThat(ec2.enabledRegions()).hasSize(3);
        assertThat(aws.requests("DescribeRegions")).hasSize(1);
    }

    @Test
    void enabledRegions_configured_areUsedWithoutAskingAws() {
        AwsEc2Service ec2 = new AwsEc2Service(aws.clients, List.of("eu-west-1"), "us-east-1");

        assertThat(ec2.enabledRegions()).containsExactly("eu-west-1");
        assertThat(aws.server.getAllServeEvents()).isEmpty();
    }

    @Test
    void resolveAmi_ubuntu_readsCanonicalsParameterAndTheImagesRootDevice() {
        String path = "/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id";
        aws.server.stubFor(jsonTarget("AmazonSSM.GetParameter").willReturn(json(Ec2Xml.ssmParameter(path, "ami-0ubu2404aaaaaaaa"))));
        aws.server.stubFor(queryAction("DescribeImages").willReturn(ec2Xml("DescribeImages",
                Ec2Xml.image("ami-0ubu2404aaaaaaaa", "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server", "/dev/sda1"))));

        var ami = new AwsEc2Service(aws.clients, List.of(), "us-east-1").resolveAmi("eu-west-1", "ubuntu-24.04");

        assertThat(ami.id()).isEqualTo("ami-0ubu2404aaaaaaaa");
        assertThat(ami.rootDevice()).isEqualTo("/dev/sda1");
        assertThat(aws.server.getAllServeEvents().stream().filter(e -> e.getRequest().getBodyAsString().contains(path)))
                .hasSize(1);
    }

    @Test
    void resolveAmi_unknownId_saysAmisAreRegional() {
        aws.server.stubFor(queryAction("DescribeImages").willReturn(ec2Error(400, "InvalidAMIID.NotFound",
                "The image id '[ami-0123456789abcdef0]' does not exist")));

        assertThatThrownBy(() -> new AwsEc2Service(aws.clients, List.of(), "us-east-1").resolveAmi("eu-west-1", "ami-0123456789abcdef0"))
                .isInstanceOf(UserFacingException.class)
                .hasMessage("AMI ami-0123456789abcdef0 does not exist in eu-west-1. AMI ids differ per region: use an "
                        + "alias (--ami al2023) or an id from this region.");
    }

    @Test
    void ensureSecurityGroup_existingGroup_addsOnlyTheMissingRules() {
        aws.server.stubFor(queryAction("DescribeSecurityGroups").willReturn(ec2Xml("DescribeSecurityGroups",
                Ec2Xml.securityGroup("sg-0old", "deckhand-web-1", new String[] {"tcp", "80", "0.0.0.0/0"}))));
        aws.server.stubFor(queryAction("AuthorizeSecurityGroupIngress").willReturn(ec2Xml("AuthorizeSecurityGroupIngress", Ec2Xml.ok())));

        var result = new AwsEc2Service(aws.clients, List.of(), "us-east-1").ensureSecurityGroup(
                new dev.deckhand.ec2.SecurityGroupRequest("us-east-1", "deckhand-web-1", "d",
                        List.of(dev.deckhand.network.IngressRule.tcp(80, "0.0.0.0/0", "deckhand"), dev.deckhand.network.IngressRule.tcp(443, "0.0.0.0/0", "deckhand")),
                        java.util.Map.of()));

        assertThat(result.created()).isFalse();
        assertThat(result.added()).containsExactly(dev.deckhand.network.IngressRule.tcp(443, "0.0.0.0/0", "deckhand"));
        assertThat(aws.requests("CreateSecurityGroup")).isEmpty();
        assertThat(aws.requests("AuthorizeSecurityGroupIngress")).singleElement()
                .satisfies(r -> assertThat(r.getBodyAsString()).contains("IpPermissions.1.FromPort=443")
                        .doesNotContain("FromPort=80"));
    }

    @Test
    void ensureSecurityGroup_new_createsTaggedGroupAndOpensIpv6Ranges() {
        aws.server.stubFor(queryAction("DescribeSecurityGroups").willReturn(ec2Xml("DescribeSecurityGroups", Ec2Xml.noSecurityGroups())));
        aws.server.stubFor(queryAction("CreateSecurityGroup").willReturn(ec2Xml("CreateSecurityGroup", Ec2Xml.createdSecurityGroup("sg-0v6"))));
        aws.server.stubFor(queryAction("AuthorizeSecurityGroupIngress").willReturn(ec2Xml("AuthorizeSecurityGroupIngress", Ec2Xml.ok())));

        var result = new AwsEc2Service(aws.clients, List.of(), "us-east-1").ensureSecurityGroup(
                new dev.deckhand.ec2.SecurityGroupRequest("us-east-1", "deckhand-web-6", "Deckhand stack web-6",
                        List.of(dev.deckhand.network.IngressRule.tcp(443, "::/0", "deckhand")), java.util.Map.of("deckhand:stack", "web-6")));

        assertThat(result.created()).isTrue();
        assertThat(result.id()).isEqualTo("sg-0v6");
        assertThat(aws.requests("CreateSecurityGroup")).singleElement().satisfies(r -> assertThat(r.getBodyAsString())
                .contains("GroupName=deckhand-web-6", "TagSpecification.1.ResourceType=security-group",
                        "TagSpecification.1.Tag.1.Key=deckhand%3Astack"));
        assertThat(aws.requests("AuthorizeSecurityGroupIngress")).singleElement().satisfies(r -> assertThat(r.getBodyAsString())
                .contains("IpPermissions.1.Ipv6Ranges.1.CidrIpv6=%3A%3A%2F0", "IpPermissions.1.FromPort=443")
                .doesNotContain("CidrIp="));
    }

    @Test
    void resolveAmi_forAType_asksItsArchitectureOnce_andPicksTheArm64Alias() {
        String arm = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64";
        aws.server.stubFor(queryAction("DescribeInstanceTypes").willReturn(ec2Xml("DescribeInstanceTypes",
                Ec2Xml.instanceType("c7g.large", "arm64"))));
        aws.server.stubFor(jsonTarget("AmazonSSM.GetParameter").willReturn(json(Ec2Xml.ssmParameter(arm, "ami-0arm64aaaaaaaaaa"))));
        aws.server.stubFor(queryAction("DescribeImages").willReturn(ec2Xml("DescribeImages",
                Ec2Xml.image("ami-0arm64aaaaaaaaaa", "al2023-arm64", "/dev/xvda", "arm64"))));
        AwsEc2Service ec2 = new AwsEc2Service(aws.clients, List.of(), "us-east-1");

        var first = ec2.resolveAmi("us-east-1", "al2023", "c7g.large");
        ec2.resolveAmi("us-east-1", "al2023", "c7g.large");

        assertThat(first.id()).isEqualTo("ami-0arm64aaaaaaaaaa");
        assertThat(first.architecture()).isEqualTo("arm64");
        assertThat(aws.server.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getBodyAsString().contains("Action=DescribeInstanceTypes"))).hasSize(1);
        assertThat(aws.server.getAllServeEvents().stream().filter(e -> e.getRequest().getBodyAsString().contains(arm))).hasSize(2);
    }
}
