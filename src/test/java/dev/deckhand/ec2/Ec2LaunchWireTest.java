package dev.deckhand.ec2;

import dev.deckhand.chat.Button;
import dev.deckhand.chat.Reply;
import dev.deckhand.testing.Ec2Xml;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static dev.deckhand.testing.AwsStub.ec2Error;
import static dev.deckhand.testing.AwsStub.queryAction;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code ec2 launch} over EC2's and SSM's real wire formats. */
class Ec2LaunchWireTest extends Ec2WireTest {

    static final String AL2023 = Ec2WireFixture.AL2023;
    static final String AMI = Ec2WireFixture.AMI;

    @BeforeEach
    void answerALaunch() {
        f.answerALaunch();
    }

    @Test
    void launch_sendsTagsTokenGp3VolumeAndIngressRules() {
        f.deployer("U0DEV");

        Reply reply = f.run("U0DEV", "ec2 launch web-1 --type t3.small --key my-key --open 443,80 --disk 20 --ttl 7d");

        Map<String, String> run = f.params("RunInstances");
        assertThat(run).containsEntry("ImageId", AMI)
                .containsEntry("InstanceType", "t3.small")
                .containsEntry("MinCount", "1").containsEntry("MaxCount", "1")
                .containsEntry("KeyName", "my-key")
                .containsEntry("SecurityGroupId.1", "sg-0new1")
                .containsEntry("BlockDeviceMapping.1.DeviceName", "/dev/xvda")
                .containsEntry("BlockDeviceMapping.1.Ebs.VolumeSize", "20")
                .containsEntry("BlockDeviceMapping.1.Ebs.VolumeType", "gp3")
                .containsEntry("BlockDeviceMapping.1.Ebs.DeleteOnTermination", "true")
                .containsEntry("TagSpecification.1.ResourceType", "instance")
                .containsEntry("TagSpecification.2.ResourceType", "volume");
        for (int spec = 1; spec <= 2; spec++) {
            String p = "TagSpecification." + spec + ".Tag.";
            assertThat(run).containsEntry(p + "1.Key", "Name").containsEntry(p + "1.Value", "web-1")
                    .containsEntry(p + "2.Key", "deckhand:stack").containsEntry(p + "2.Value", "web-1")
                    .containsEntry(p + "3.Key", "deckhand:owner").containsEntry(p + "3.Value", "U0DEV")
                    .containsEntry(p + "4.Key", "deckhand:expires").containsEntry(p + "4.Value", "2026-12-02T12:00:00Z");
        }
        assertThat(run.get("ClientToken")).matches("deckhand-[0-9a-f]{40}");

        assertThat(f.aws.server.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/"))
                .withHeader("X-Amz-Target", com.github.tomakehurst.wiremock.client.WireMock.equalTo("AmazonSSM.GetParameter"))))
                .singleElement().satisfies(r -> assertThat(r.getBodyAsString()).contains("\"Name\":\"" + AL2023 + "\""));
        assertThat(f.params("CreateSecurityGroup")).containsEntry("GroupName", "deckhand-web-1")
                .containsEntry("TagSpecification.1.ResourceType", "security-group");
        assertThat(f.params("AuthorizeSecurityGroupIngress")).containsEntry("GroupId", "sg-0new1")
                .containsEntry("IpPermissions.1.IpProtocol", "tcp")
                .containsEntry("IpPermissions.1.FromPort", "80").containsEntry("IpPermissions.1.ToPort", "80")
                .containsEntry("IpPermissions.1.IpRanges.1.CidrIp", "0.0.0.0/0")
                .containsEntry("IpPermissions.2.FromPort", "443").containsEntry("IpPermissions.2.ToPort", "443")
                .containsEntry("IpPermissions.2.IpRanges.1.CidrIp", "0.0.0.0/0");

        assertThat(reply.isInChannel()).isTrue();
        assertThat(reply.plainText()).isEqualTo("""
                == Launched web-1 ==
                U0DEV launched web-1 (i-0new1234567890abc) in us-east-1.
                  ID:             i-0new1234567890abc
                  State:          pending
                  Region:         us-east-1
                  AMI:            ami-0fa3fe0fa7920f68e (al2023)
                  Type:           t3.small
                  Ports:          80, 443 from 0.0.0.0/0
                  Disk:           20 GB gp3, deleted with the instance
                  Key pair:       my-key
                  Expires:        2026-12-02T12:00:00Z
                  Cost/month:     ~$20.43
                  Security group: deckhand-web-1 (sg-0new1)
                  > Estimate: instance $15.18 + disk $1.60 + public IPv4 $3.65 per month (price table of 2026-11-01).
                  > It boots in a minute or two; then `ec2 show web-1` shows its public IP.
                  [Show: ec2 show i-0new1234567890abc --region us-east-1]""");
        assertThat(f.deckhand.auditLog().latest(1)).singleElement().satisfies(e -> {
            assertThat(e.resources()).containsExactly("sg-0new1", "i-0new1234567890abc");
            assertThat(e.userId()).isEqualTo("U0DEV");
        });
    }

    @Test
    void launch_twoSeparateRequests_sendTwoClientTokens_andTheSecondReusesTheGroupByItsId() {
        f.admin("ec2 launch web-1");
        f.answer("DescribeSecurityGroups", Ec2Xml.securityGroup("sg-0new1", "deckhand-web-1",
                new String[] {"tcp", "80", "0.0.0.0/0"}, new String[] {"tcp", "443", "0.0.0.0/0"}));
        f.admin("ec2 launch web-1");

        var runs = f.aws.requests("RunInstances");
        assertThat(runs).hasSize(2);
        // Tokens come from the plan id (one per delivery or approval), not from a time window.
        assertThat(Ec2WireFixture.params(runs.get(0)).get("ClientToken"))
                .isNotEqualTo(Ec2WireFixture.params(runs.get(1)).get("ClientToken"));
        assertThat(Ec2WireFixture.params(runs.get(1))).containsEntry("SecurityGroupId.1", "sg-0new1");
        assertThat(f.aws.requests("CreateSecurityGroup")).hasSize(1);
        assertThat(f.aws.requests("AuthorizeSecurityGroupIngress")).hasSize(1);
    }

    @Test
    void launch_dryRun_showsThePlanAndChangesNothing() {
        Reply reply = f.admin("ec2 launch web-1 --dry-run");

        assertThat(f.aws.requests("CreateSecurityGroup")).isEmpty();
        assertThat(f.aws.requests("AuthorizeSecurityGroupIngress")).isEmpty();
        assertThat(f.aws.requests("RunInstances")).isEmpty();
        assertThat(reply.isInChannel()).isFalse();
        assertThat(reply.plainText()).isEqualTo("""
                == Plan: ec2 launch web-1 --dry-run (dry run) ==
                In us-east-1 it will:
                • launch t3.micro instance web-1 with a 8 GB disk
                • create security group deckhand-web-1
                • open tcp 80 from 0.0.0.0/0 on deckhand-web-1
                • open tcp 443 from 0.0.0.0/0 on deckhand-web-1
                Estimate: instance $7.59 + disk $0.64 + public IPv4 $3.65 per month (price table of 2026-11-01).
                Nothing was changed.
                  AMI:         ami-0fa3fe0fa7920f68e (al2023)
                  Type:        t3.micro
                  Ports:       80, 443 from 0.0.0.0/0
                  Disk:        8 GB gp3, deleted with the instance
                  Key pair:    none
                  Expires:     never (no --ttl)
                  Cost change: +$11.88/month
                  > Without --dry-run this runs at once.""");
        assertThat(f.deckhand.auditLog().latest(5)).isEmpty();
    }

    @Test
    void launch_sshToTheWorldByADeployer_waitsForApproval_thenLaunchesOnce() {
        f.deployer("U0DEV");

        Reply reply = f.run("U0DEV", "ec2 launch web-1 --open 22,80");

        assertThat(reply.header()).isEqualTo("Needs approval");
        assertThat(reply.body()).endsWith("\nPort 22 on deckhand-web-1 would be open to 3702258432 public IPv4 addresses "
                + "(more than a /16) through 0.0.0.0/0.");
        // The card's plan (a dry run) reads AWS; nothing is created or opened before approval.
        assertThat(f.aws.requests("RunInstances")).isEmpty();
        assertThat(f.aws.requests("CreateSecurityGroup")).isEmpty();
        assertThat(f.aws.requests("AuthorizeSecurityGroupIngress")).isEmpty();
        assertThat(f.chat.ofKind("post").get(0).reply().body()).contains("• open tcp 22 from 0.0.0.0/0 on deckhand-web-1")
                .contains("Warning: SSH (22) is open to 0.0.0.0/0");
        assertThat(f.chat.ofKind("post").get(0).reply().fields()).contains(new Reply.Field("Ports", "22, 80 from 0.0.0.0/0"))
                .filteredOn(field -> field.label().equals("Region")).hasSize(1);

        f.admin("approve " + Ec2WireFixture.requestId(reply));

        assertThat(f.aws.requests("RunInstances")).hasSize(1);
        assertThat(f.params("AuthorizeSecurityGroupIngress")).containsValue("22");
    }

    @Test
    void launch_sshToTheWorldByAnAdmin_isFlagged() {
        Reply reply = f.admin("ec2 launch web-1 --open 22 --dry-run");

        assertThat(reply.body()).contains("Warning: SSH (22) is open to 0.0.0.0/0: anyone on the internet can try to "
                + "log in. Prefer --from <your-ip>/32.");
    }

    @Test
    void launch_withAnUnknownKeyPair_listsTheKeyPairsOfThatRegion() {
        Reply reply = f.admin("ec2 launch web-1 --key laptop");

        assertThat(reply.body()).isEqualTo("Key pair 'laptop' does not exist in us-east-1. Key pairs there: "
                + "my-key, ops-laptop. Use --key my-key.");
        assertThat(f.aws.requests("RunInstances")).isEmpty();
    }

    @Test
    void launch_whenRunInstancesSaysKeyPairNotFound_listsKeyPairsAndRemovesTheNewGroup() {
        f.answer(queryAction("RunInstances"), ec2Error(400, "InvalidKeyPair.NotFound", "The key pair 'my-key' does not exist"));
        f.answer("DeleteSecurityGroup", Ec2Xml.ok());

        Reply reply = f.admin("ec2 launch web-1 --key my-key");

        assertThat(reply.plainText()).isEqualTo("""
                == Could not ec2 launch ==
                Key pair 'my-key' does not exist in us-east-1. Key pairs there: my-key, ops-laptop. Use --key my-key.""");
        assertThat(f.params("DeleteSecurityGroup")).containsEntry("GroupId", "sg-0new1");
        assertThat(f.deckhand.auditLog().latest(1)).singleElement()
                .satisfies(e -> assertThat(e.outcome().name()).isEqualTo("FAILED"));
    }

    @Test
    void launch_withoutPermission_namesTheMissingIamAction() {
        f.answer(queryAction("RunInstances"), ec2Error(403, "UnauthorizedOperation",
                "You are not authorized to perform this operation."));
        f.answer("DeleteSecurityGroup", Ec2Xml.ok());

        Reply reply = f.admin("ec2 launch web-1");

        assertThat(reply.body()).isEqualTo("AWS refused ec2:RunInstances in us-east-1: Deckhand's credentials lack "
                + "permission. Add the IAM action `ec2:RunInstances` to the role or user Deckhand runs as.");
    }

    @Test
    void launch_overTheVcpuQuota_namesTheLimit() {
        f.answer(queryAction("RunInstances"), ec2Error(400, "VcpuLimitExceeded",
                "You have requested more vCPU capacity than your current vCPU limit of 32 allows."));
        f.answer("DeleteSecurityGroup", Ec2Xml.ok());

        Reply reply = f.admin("ec2 launch web-1");

        assertThat(reply.body()).startsWith("AWS limit reached in us-east-1: the vCPU quota for running On-Demand "
                + "instances").contains("(VcpuLimitExceeded)").endsWith("request an increase in Service Quotas.");
    }

    @Test
    void launch_whenTheNameIsTaken_refusesBeforeChangingAnything() {
        f.answer("DescribeInstances", Ec2Xml.reservations(Ec2Xml.Instance.running("i-0old", "web-1")));
        f.answer("DescribeAddresses", Ec2Xml.addresses());

        Reply reply = f.admin("ec2 launch web-1");

        assertThat(reply.body()).isEqualTo("An instance named web-1 already exists in us-east-1 (i-0old, running). "
                + "Pick another name, or see it with `ec2 show web-1`.");
        assertThat(f.aws.requests("CreateSecurityGroup")).isEmpty();
    }

    @Test
    void launch_ofATypeWithoutAPrice_needsApproval_evenForAnAdmin_andTheReasonNamesTypeAndRegion() {
        Reply reply = f.admin("ec2 launch gpu-1 --type p4d.24xlarge");

        assertThat(reply.header()).isEqualTo("Needs approval");
        assertThat(reply.body()).endsWith("\nMonthly cost unknown: price for p4d.24xlarge in us-east-1 unknown: "
                + "approval required.");
        assertThat(f.chat.ofKind("post").get(0).reply().fields())
                .contains(new Reply.Field("Cost change", "unknown (price for p4d.24xlarge in us-east-1 unknown)"));
        assertThat(f.aws.requests("RunInstances")).isEmpty();
        assertThat(f.aws.requests("CreateSecurityGroup")).isEmpty();
    }

    /** Issue #9: a deployer's 30 GB disk limit was passed by writing the size in another script's digits. */
    @Test
    void launch_byADeployer_withTheDiskInOtherDigitsOrSpellings_isRefused_andWithinTheLimitItsValueIsJudged() {
        f.deployer("U0DEV");

        for (String disk : new String[] {"\u0665\u0660\u0660", "+500", "0500", "500.0", "5e2"}) {
            Reply reply = f.run("U0DEV", "ec2 launch big-1 --disk " + disk);
            assertThat(reply.header()).as(disk).isEqualTo("Not understood");
            assertThat(reply.body()).as(disk).startsWith("--disk must be a whole number from 8 to 16384, not '" + disk + "'");
        }
        Reply aboveLimit = f.run("U0DEV", "ec2 launch big-1 --disk 500");

        assertThat(aboveLimit.header()).isEqualTo("Needs approval");
        assertThat(aboveLimit.body()).contains("A 500 GB disk is above role deployer's 30 GB limit.");
        assertThat(f.aws.requests("RunInstances")).isEmpty();
        assertThat(f.aws.requests("CreateSecurityGroup")).isEmpty();
    }

    @Test
    void launch_sshToTheWorldInTwoHalves_needsApproval_evenForAnAdmin() {
        Reply reply = f.admin("ec2 launch web-1 --open 22 --from 0.0.0.0/1,128.0.0.0/1");

        assertThat(reply.header()).isEqualTo("Needs approval");
        assertThat(reply.body()).endsWith("\nPort 22 on deckhand-web-1 would be open to 3702258432 public IPv4 "
                + "addresses (more than a /16) through 0.0.0.0/1, 128.0.0.0/1.");
        assertThat(f.aws.requests("RunInstances")).isEmpty();
        assertThat(f.aws.requests("AuthorizeSecurityGroupIngress")).isEmpty();
    }

    @Test
    void launch_reusingAGroupWithNoOwner_byADeployer_needsApproval_andTheCardNamesTheGroup() {
        f.deployer("U0DEV");
        f.answer("DescribeSecurityGroups", Ec2Xml.securityGroup("sg-0old1", "deckhand-web-1",
                new String[] {"tcp", "5432", "0.0.0.0/0"}));

        Reply reply = f.run("U0DEV", "ec2 launch web-1 --open 443");

        assertThat(reply.header()).isEqualTo("Needs approval");
        assertThat(reply.body()).contains("The security group deckhand-web-1 (sg-0old1) has no owner (no deckhand:owner tag).");
        assertThat(f.chat.ofKind("post").get(0).reply().body())
                .contains("• open tcp 5432 from 0.0.0.0/0 on deckhand-web-1 (sg-0old1)");
        assertThat(f.aws.requests("RunInstances")).isEmpty();
        assertThat(f.aws.requests("AuthorizeSecurityGroupIngress")).isEmpty();
    }

    /** The defect: Graviton types were given the x86_64 image, which EC2 rejects. */
    @Test
    void launch_ofAGravitonType_asksSsmForTheArm64Image_andRunsIt() {
        f.answerALaunch();
        String arm = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64";
        f.answer("DescribeInstanceTypes", dev.deckhand.testing.Ec2Xml.instanceType("t4g.small", "arm64"));
        f.answer(dev.deckhand.testing.AwsStub.jsonTarget("AmazonSSM.GetParameter").withRequestBody(
                        com.github.tomakehurst.wiremock.client.WireMock.containing(arm)),
                dev.deckhand.testing.AwsStub.json(dev.deckhand.testing.Ec2Xml.ssmParameter(arm, "ami-0arm64aaaaaaaaaa")));
        f.answer("DescribeImages", dev.deckhand.testing.Ec2Xml.image("ami-0arm64aaaaaaaaaa",
                "al2023-ami-2023.9.20251117.1-kernel-6.1-arm64", "/dev/xvda", "arm64"));

        Reply reply = f.admin("ec2 launch arm-1 --type t4g.small");

        assertThat(f.params("DescribeInstanceTypes")).containsEntry("InstanceType.1", "t4g.small");
        assertThat(ssmParameterNames()).containsExactly(arm);
        assertThat(f.params("RunInstances")).containsEntry("ImageId", "ami-0arm64aaaaaaaaaa").containsEntry("InstanceType", "t4g.small");
        assertThat(reply.plainText()).contains("ami-0arm64aaaaaaaaaa (al2023, arm64)");
    }

    @Test
    void launch_ofAGravitonType_onUbuntu_usesCanonicalsArm64Parameter() {
        f.answerALaunch();
        String arm = "/aws/service/canonical/ubuntu/server/24.04/stable/current/arm64/hvm/ebs-gp3/ami-id";
        f.answer("DescribeInstanceTypes", dev.deckhand.testing.Ec2Xml.instanceType("t4g.medium", "arm64"));
        f.answer(dev.deckhand.testing.AwsStub.jsonTarget("AmazonSSM.GetParameter"),
                dev.deckhand.testing.AwsStub.json(dev.deckhand.testing.Ec2Xml.ssmParameter(arm, "ami-0ubuarm64aaaaaaa")));
        f.answer("DescribeImages", dev.deckhand.testing.Ec2Xml.image("ami-0ubuarm64aaaaaaa",
                "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-arm64-server", "/dev/sda1", "arm64"));

        f.admin("ec2 launch arm-2 --type t4g.medium --ami ubuntu-24.04");

        assertThat(ssmParameterNames()).containsExactly(arm);
        assertThat(f.params("RunInstances")).containsEntry("ImageId", "ami-0ubuarm64aaaaaaa");
    }

    @Test
    void launch_ofAnX86Image_onAGravitonType_isRefusedBeforeAnythingIsCreated() {
        f.answerALaunch();
        f.answer("DescribeInstanceTypes", dev.deckhand.testing.Ec2Xml.instanceType("t4g.small", "arm64"));

        Reply reply = f.admin("ec2 launch arm-3 --type t4g.small --ami ami-0fa3fe0fa7920f68e");

        assertThat(reply.body()).contains("ami-0fa3fe0fa7920f68e is an x86_64 image, but t4g.small runs arm64.");
        assertThat(f.aws.requests("RunInstances")).isEmpty();
        assertThat(f.aws.requests("CreateSecurityGroup")).isEmpty();
    }

    private java.util.List<String> ssmParameterNames() {
        return f.aws.server.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/"))
                .withHeader("X-Amz-Target", com.github.tomakehurst.wiremock.client.WireMock.equalTo("AmazonSSM.GetParameter")))
                .stream().map(r -> r.getBodyAsString().replaceAll(".*\"Name\":\"([^\"]+)\".*", "$1")).toList();
    }

    /** The defect: a launch outside aws.regions succeeded, and then no list, show or scan could see the instance. */
    @Test
    void launch_intoARegionDeckhandDoesNotWatch_isRefusedWithTheListAndTheConfigKey_beforeAnyAwsCall() {
        f.answerALaunch();

        Reply reply = f.admin("ec2 launch web-9 --region ap-southeast-2");

        assertThat(reply.plainText()).contains("Deckhand does not work in region 'ap-southeast-2'.",
                "Watched regions: " + Ec2WireFixture.REGIONS.replace(",", ", ") + " (aws.regions in config).");
        assertThat(f.aws.server.getAllServeEvents()).isEmpty();
    }
}
