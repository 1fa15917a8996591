package dev.deckhand.approval;

import dev.deckhand.access.Role;
import dev.deckhand.chat.Reply;
import dev.deckhand.testing.AwsStub;
import dev.deckhand.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The world-open check sees the ports a launch really opens: {@code --https nginx} adds 80 and 443
 * after {@code --open} is read, and the default {@code --open} counts too.
 */
class ApprovalLaunchPortsTest {

    private static AwsStub aws;

    @TempDir
    Path temp;
    private ApprovalRig rig;

    @BeforeAll
    static void startAws() {
        aws = new AwsStub();
    }

    @AfterAll
    static void stopAws() {
        aws.close();
    }

    @BeforeEach
    void setUp() {
        ApprovalSettings d = ApprovalSettings.defaults();
        rig = new ApprovalRig(temp.resolve("deckhand.db"), new ApprovalSettings(Set.of(), Role.ADMIN, 1, d.ttl(),
                Optional.empty(), d.monthlyCostLimit(), Set.of(443)), CostEstimate.NONE,
                new MutableClock(Instant.parse("2026-11-25T13:00:00Z")), aws);
    }

    @AfterEach
    void tearDown() {
        rig.close();
    }

    @Test
    void launch_withHttpsNginx_opens443ToTheWorld_needsApproval() {
        Reply reply = rig.run("U_DEP", "ec2 launch shop --open 8080 --app spring --https nginx --domain shop.example.com");

        assertThat(reply.header()).isEqualTo("Needs approval");
        assertThat(reply.body()).endsWith("\nOpens port 443 to 0.0.0.0/0 (the whole internet).");
        assertThat(rig.ec2.launches.get()).isZero();
    }

    @Test
    void launch_withHttpsNginx_fromANetwork_runsNow() {
        assertThat(rig.run("U_DEP", "ec2 launch shop --open 8080 --app spring --https nginx --domain shop.example.com "
                + "--from 10.0.0.0/8").body()).isEqualTo("Launched shop.");
        assertThat(rig.ec2.launches.get()).isEqualTo(1);
    }

    @Test
    void launch_withoutNginx_andOnlyOtherPorts_runsNow() {
        assertThat(rig.run("U_DEP", "ec2 launch shop --open 8080 --app spring").body()).isEqualTo("Launched shop.");
        assertThat(rig.run("U_DEP", "ec2 launch shop --open none").body()).isEqualTo("Launched shop.");
        assertThat(rig.ec2.launches.get()).isEqualTo(2);
    }

    @Test
    void launch_withTheDefaultPorts_opens443_needsApproval() {
        assertThat(rig.run("U_DEP", "ec2 launch shop").header()).isEqualTo("Needs approval");
    }
}
