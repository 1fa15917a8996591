package dev.deckhand.costwatch;

import dev.deckhand.app.Deckhand;
import dev.deckhand.chat.Button;
import dev.deckhand.chat.CommandRequest;
import dev.deckhand.chat.Reply;
import dev.deckhand.store.SqliteGrantStore;
import dev.deckhand.testing.AwsStub;
import dev.deckhand.testing.LeakFixtures;
import dev.deckhand.testing.MutableClock;
import dev.deckhand.testing.RecordingChatPort;
import dev.deckhand.testing.TestDeckhand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.deckhand.testing.AwsStub.ec2Xml;
import static dev.deckhand.testing.AwsStub.queryAction;
import static org.assertj.core.api.Assertions.assertThat;

/** The digest's Clean up button on the shipped config: held for approval, released once when approved. */
class CleanUpApprovalTest {

    @TempDir
    Path temp;

    @Test
    void cleanUpButton_createsAnApprovalRequest_andApprovingReleasesOnce() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
        RecordingChatPort chat = new RecordingChatPort();
        try (AwsStub aws = new AwsStub(1)) {
            LeakFixtures.emptyEverywhere(aws);
            LeakFixtures.usEast1(aws, 1);
            aws.server.stubFor(queryAction("ReleaseAddress").willReturn(ec2Xml("ReleaseAddress", "<return>true</return>")));
            try (Deckhand deckhand = TestDeckhand.start(temp, aws.clients, clock, chat, Map.of(
                    "DECKHAND_AWS_REGIONS", "us-east-1", "DECKHAND_COSTWATCH_CHANNEL", "C0COST"))) {
                new SqliteGrantStore(deckhand.database(), clock).grant("U0BOSS", "admin", "setup");
                deckhand.costWatch().digest().run();
                Button cleanUp = chat.ofKind("thread").stream().flatMap(s -> s.reply().buttons().stream())
                        .filter(b -> b.command().equals("leaks cleanup eip eipalloc-0idle1 --region us-east-1"))
                        .findFirst().orElseThrow();

                Reply asked = deckhand.router().dispatch(new CommandRequest("console", "C0COST", cleanUp.command(),
                        CommandRequest.Origin.BUTTON));

                Matcher id = Pattern.compile("\\(request ([a-z0-9]{8})\\)").matcher(asked.body());
                assertThat(id.find()).as(asked.plainText()).isTrue();
                assertThat(aws.requests("ReleaseAddress")).isEmpty();

                Reply approved = TestDeckhand.run(deckhand, "U0BOSS", "C0COST", "approve " + id.group(1));
                TestDeckhand.run(deckhand, "U0BOSS", "C0COST", "approve " + id.group(1));

                assertThat(approved.header()).isEqualTo("Approved request " + id.group(1));
                assertThat(aws.requests("ReleaseAddress")).singleElement()
                        .satisfies(r -> assertThat(r.getBodyAsString()).contains("AllocationId=eipalloc-0idle1"));
                assertThat(chat.sent).anySatisfy(s -> assertThat(s.reply().plainText())
                        .contains("Released Elastic IP eipalloc-0idle1 in us-east-1"));
            }
        }
    }
}
