package dev.deckhand.approval;

import dev.deckhand.aws.FakeEc2Commands;
import dev.deckhand.chat.Reply;
import dev.deckhand.command.ParseResult;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

/** Which launches and port openings go to approval, seen through the router as users see them. */
class ApprovalPolicyTest extends ApprovalRigTest {

    private String reasonFor(String user, String command) {
        Reply reply = rig.run(user, command);
        assertThat(reply.header()).as(reply.plainText()).isEqualTo("Needs approval");
        return reply.body().substring(reply.body().indexOf('\n') + 1);
    }

    @Test
    void launch_openingSshToTheWorld_needsApproval() {
        assertThat(reasonFor("U_DEP", "ec2 launch web --open 22")).isEqualTo("Opens port 22 to 0.0.0.0/0 (the whole internet).");
        assertThat(reasonFor("U_DEP", "ec2 launch web --open 80,443,22 --from 0.0.0.0/0"))
                .isEqualTo("Opens port 22 to 0.0.0.0/0 (the whole internet).");
        assertThat(reasonFor("U_DEP", "ec2 launch web --open 20-30 --from ::/0")).isEqualTo("Opens port 22 to ::/0 (the whole internet).");
        assertThat(reasonFor("U_ADMIN", "ec2 launch web --open all")).isEqualTo("Opens port 22 to 0.0.0.0/0 (the whole internet).");
        assertThat(rig.ec2.launches.get()).isZero();
    }

    @Test
    void launch_openingOtherPortsOrSshToANetwork_runsNow() {
        assertThat(rig.run("U_DEP", "ec2 launch web --open 80,443").body()).isEqualTo("Launched web.");
        assertThat(rig.run("U_DEP", "ec2 launch web --open 22 --from 10.0.0.0/8").body()).isEqualTo("Launched web.");
        assertThat(rig.run("U_DEP", "ec2 launch web").body()).isEqualTo("Launched web.");
        assertThat(rig.ec2.launches.get()).isEqualTo(3);
    }

    @Test
    void sgOpen_sshToTheWorld_needsApproval() {
        assertThat(reasonFor("U_DEP", "sg open web 22 --from 0.0.0.0/0")).isEqualTo("Opens port 22 to 0.0.0.0/0 (the whole internet).");
        assertThat(reasonFor("U_DEP", "sg open web 20-30 --from ::/0")).isEqualTo("Opens port 22 to ::/0 (the whole internet).");
        assertThat(rig.run("U_DEP", "sg open web 22 --from 203.0.113.7/32").body()).isEqualTo("Opened 22.");
        assertThat(rig.run("U_DEP", "sg open web 443").body()).isEqualTo("Opened 443.");
        // Without --from the sg handler itself asks for a source; nothing to approve.
        assertThat(rig.run("U_DEP", "sg open web 22").body()).isEqualTo("Opened 22.");
        assertThat(rig.ec2.sgOpens.get()).isEqualTo(3);
    }

    @Test
    void launch_aboveTheRolesTypeOrDiskLimit_needsApproval() {
        assertThat(reasonFor("U_DEP", "ec2 launch web --type m5.large"))
                .isEqualTo("Instance type m5.large is beyond role deployer's limits (allowed: t3.micro, t3.small).");
        assertThat(reasonFor("U_DEP", "ec2 launch web --disk 100"))
                .isEqualTo("A 100 GB disk is above role deployer's 30 GB limit.");
        assertThat(reasonFor("U_DEP", "ec2 launch web --type m5.large --disk 100 --open 22"))
                .isEqualTo("Opens port 22 to 0.0.0.0/0 (the whole internet). Instance type m5.large is beyond role "
                        + "deployer's limits (allowed: t3.micro, t3.small); a 100 GB disk is above role deployer's 30 GB limit.");
        assertThat(rig.run("U_ADMIN", "ec2 launch web --type m5.large --disk 100").body()).isEqualTo("Launched web.");
    }

    @Test
    void launch_aboveLimits_approvedByAnAdmin_runsWithThePinnedArguments() {
        String id = ApprovalRig.requestId(rig.run("U_DEP", "ec2 launch \"my web\" --type m5.large --disk 100"));
        assertThat(rig.request(id).command()).isEqualTo("ec2 launch \"my web\" --disk 100 --type m5.large --region us-east-1");

        Reply reply = rig.run("U_ADMIN", "approve " + id);

        assertThat(reply.body()).isEqualTo("`ec2 launch \"my web\" --disk 100 --type m5.large --region us-east-1` ran as U_DEP: "
                + "done. Launched my web.");
        assertThat(rig.ec2.launches.get()).isEqualTo(1);
    }

    @Test
    void launch_inARegionOutsideTheLimits_isStillDenied() {
        Reply reply = rig.run("U_DEP", "ec2 launch web --type m5.large --region ap-south-1");

        assertThat(reply.header()).isEqualTo("Not allowed");
        assertThat(reply.body()).startsWith("Region ap-south-1 is not allowed for role deployer.");
        assertThat(rig.chat.sent).isEmpty();
    }

    @Test
    void launch_aboveLimits_asDryRun_previewsWithoutApproval() {
        assertThat(rig.run("U_DEP", "ec2 launch web --type m5.large --dry-run").body()).isEqualTo("Would launch web.");
        assertThat(rig.chat.sent).isEmpty();
        assertThat(rig.ec2.launches.get()).isZero();
    }

    @Test
    void portSpecs_coverWhatTheySay() {
        assertThat(ApprovalPolicy.covers("22", 22)).isTrue();
        assertThat(ApprovalPolicy.covers("20-25", 22)).isTrue();
        assertThat(ApprovalPolicy.covers("23-25", 22)).isFalse();
        assertThat(ApprovalPolicy.covers("all", 22)).isTrue();
        assertThat(ApprovalPolicy.covers("ssh", 22)).isFalse();
    }

    @Test
    void pinnedCommand_parsesBackToTheSameArguments() {
        var registry = new dev.deckhand.command.CommandRegistry().registerAll(new FakeEc2Commands(aws.clients).specs());
        var parser = new dev.deckhand.command.CommandParser(registry);
        String typed = "ec2 launch 'it''s \"quoted\" \\\\ here' --type=t3.micro --open 22,80 --from ::/0 --dry-run";
        var parsed = (ParseResult.Parsed) parser.parse(typed);

        String pinned = PinnedCommand.of(parsed.spec(), parsed.args(), "eu-west-1");
        var again = (ParseResult.Parsed) parser.parse(pinned);

        assertThat(pinned).isEqualTo("ec2 launch \"its \\\"quoted\\\" \\\\ here\" --dry-run --from ::/0 --open 22,80 "
                + "--type t3.micro --region eu-west-1");
        assertThat(again.args().positionals()).isEqualTo(parsed.args().positionals());
        assertThat(again.args().flags()).containsAllEntriesOf(parsed.args().flags()).containsEntry("region", "eu-west-1");
    }
}
