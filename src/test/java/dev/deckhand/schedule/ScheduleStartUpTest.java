package dev.deckhand.schedule;

import dev.deckhand.app.Deckhand;
import dev.deckhand.store.SqliteGrantStore;
import dev.deckhand.testing.AwsStub;
import dev.deckhand.testing.Ec2Xml;
import dev.deckhand.testing.RecordingChatPort;
import dev.deckhand.testing.TestDeckhand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static dev.deckhand.testing.AwsStub.ec2Xml;
import static dev.deckhand.testing.AwsStub.queryAction;
import static org.assertj.core.api.Assertions.assertThat;

/** A whole Deckhand that was down over a window's end stops the instance as it starts up. */
class ScheduleStartUpTest {

    static final String ID = "i-0web1234567890abc";

    @TempDir
    Path tempDir;

    @Test
    void aStopMissedWhileDeckhandWasDown_isDoneAtStartUp_andAudited() {
        try (AwsStub aws = new AwsStub(1)) {
            answer(aws, "DescribeAddresses", "<addressesSet/>");
            answer(aws, "CreateTags", Ec2Xml.ok());
            answer(aws, "DescribeInstances", Ec2Xml.reservations(Ec2Xml.Instance.running(ID, "web-1").owner("U1")));
            answer(aws, "StopInstances", Ec2Xml.stateChange(ID, 16, 64).replace("instancesSet", "stoppingInstances"));
            Instant monday10 = Instant.parse("2026-11-30T10:00:00Z");
            try (Deckhand first = TestDeckhand.start(tempDir, aws.clients, Clock.fixed(monday10, ZoneOffset.UTC),
                    new RecordingChatPort(), Map.of("DECKHAND_AWS_REGIONS", "us-east-1"))) {
                new SqliteGrantStore(first.database(), Clock.fixed(monday10, ZoneOffset.UTC)).grant("U1", "deployer", "console");
                assertThat(TestDeckhand.run(first, "U1", "C0DEV", "schedule web-1 weekdays 09:00-19:00").plainText())
                        .contains("scheduled web-1");
            }
            assertThat(aws.requests("StopInstances")).isEmpty();

            Instant monday23 = Instant.parse("2026-11-30T23:00:00Z");
            try (Deckhand second = TestDeckhand.start(tempDir, aws.clients, Clock.fixed(monday23, ZoneOffset.UTC),
                    new RecordingChatPort(), Map.of("DECKHAND_AWS_REGIONS", "us-east-1", "DECKHAND_COSTWATCH_ENABLED", "true"))) {
                assertThat(aws.requests("StopInstances")).as("the 19:00 stop, caught up at start-up").hasSize(1);
                var row = second.auditLog().latest(1).get(0);
                assertThat(row.userId()).isEqualTo(ScheduleRunner.ACTOR);
                assertThat(row.command()).isEqualTo("schedule stop web-1 (edge 2026-11-30 19:00 UTC)");
                assertThat(row.resources()).containsExactly(ID);
            }
        }
    }

    private static void answer(AwsStub aws, String action, String inner) {
        aws.server.stubFor(queryAction(action).willReturn(ec2Xml(action, inner)));
    }
}
