package dev.deckhand.costwatch;

import dev.deckhand.app.Deckhand;
import dev.deckhand.chat.Progress;
import dev.deckhand.testing.AwsStub;
import dev.deckhand.testing.LeakFixtures;
import dev.deckhand.testing.MutableClock;
import dev.deckhand.testing.RecordingChatPort;
import dev.deckhand.testing.TestDeckhand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Most regions of an account hold nothing, and a scan asks every region: an empty region must cost only
 * the listings that prove it empty, one call each (with WireMock as EC2, ELB, ELBv2 and RDS). The
 * account's images (which only snapshots need) and RDS's stop events (which only stopped databases need)
 * are not asked where there is nothing to match them with.
 */
class EmptyRegionScanTest {

    private static final Pattern ACTION = Pattern.compile("Action=(\\w+)&");

    @TempDir
    Path temp;

    private AwsStub aws;
    private Deckhand deckhand;

    @BeforeEach
    void setUp() {
        aws = new AwsStub(1);
        LeakFixtures.emptyEverywhere(aws);
        deckhand = TestDeckhand.start(temp, aws.clients, new MutableClock(Instant.parse("2026-11-25T12:00:00Z")),
                new RecordingChatPort(), Map.of("DECKHAND_AWS_REGIONS", "us-east-1,eu-west-1"));
    }

    @AfterEach
    void tearDown() {
        deckhand.close();
        aws.close();
    }

    @Test
    void anEmptyRegion_costsOneCallPerListing_andNothingElse() {
        ScanResult result = deckhand.costWatch().scans().scan(List.of(), true, Progress.NONE);

        assertThat(result.leaks()).isEmpty();
        List<String> actions = aws.server.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getHeader("Authorization").contains("/eu-west-1/"))
                .map(e -> action(e.getRequest().getBodyAsString())).sorted().toList();
        assertThat(actions).containsExactly("DescribeAddresses", "DescribeDBInstances", "DescribeInstances",
                "DescribeLoadBalancers", "DescribeLoadBalancers", "DescribeNatGateways", "DescribeSnapshots",
                "DescribeTargetGroups", "DescribeVolumes");
    }

    private static String action(String body) {
        Matcher m = ACTION.matcher(body);
        return m.find() ? m.group(1) : body;
    }
}
