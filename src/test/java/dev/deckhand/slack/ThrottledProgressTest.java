package dev.deckhand.slack;

import dev.deckhand.chat.ChatPort;
import dev.deckhand.chat.Reply;
import dev.deckhand.testing.MutableClock;
import dev.deckhand.testing.RecordingChatPort;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ThrottledProgressTest {

    private final RecordingChatPort chat = new RecordingChatPort();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
    private final ThrottledProgress progress = new ThrottledProgress(chat, "C1", "ec2 launch web-1", Duration.ofSeconds(1), clock);

    @Test
    void firstStep_postsOneMessage_laterStepsUpdateIt_atMostOncePerInterval() {
        progress.report("Creating security group");
        clock.advance(Duration.ofMillis(400));
        progress.report("Running instance");          // too soon: kept
        clock.advance(Duration.ofMillis(700));
        progress.report("Waiting for running");       // 1.1 s after the post: shown

        assertThat(chat.sent).extracting(RecordingChatPort.Sent::kind).containsExactly("post", "update");
        assertThat(chat.sent.get(0).reply().body()).isEqualTo(":hourglass_flowing_sand: `ec2 launch web-1`: Creating security group");
        assertThat(chat.sent.get(1).reply().body()).isEqualTo(":hourglass_flowing_sand: `ec2 launch web-1`: Waiting for running");
        assertThat(chat.sent.get(1).messageId()).isEqualTo(chat.sent.get(0).messageId());
    }

    @Test
    void finish_replacesTheProgressMessage_evenInsideTheInterval() {
        progress.report("Running instance");
        progress.finish("done");

        assertThat(chat.sent).extracting(RecordingChatPort.Sent::kind).containsExactly("post", "update");
        assertThat(chat.sent.get(1).reply().body()).isEqualTo("done");
    }

    @Test
    void noProgress_meansNoMessageAtAll() {
        progress.finish("done");

        assertThat(chat.sent).isEmpty();
        assertThat(progress.posted()).isFalse();
    }

    @Test
    void aFailingChatPort_doesNotFailTheCommand() {
        ChatPort failing = new ChatPort() {
            @Override
            public MessageRef post(String channelId, Reply reply) {
                throw new IllegalStateException("not_in_channel");
            }

            @Override
            public void update(MessageRef message, Reply reply) {
                throw new AssertionError("nothing was posted, so nothing can be updated");
            }

            @Override
            public MessageRef postInThread(MessageRef parent, Reply reply) {
                throw new AssertionError();
            }

            @Override
            public MessageRef directMessage(String userId, Reply reply) {
                throw new AssertionError();
            }
        };
        ThrottledProgress broken = new ThrottledProgress(failing, "C1", "x", Duration.ofSeconds(1), clock);

        broken.report("step");
        clock.advance(Duration.ofSeconds(2));
        broken.report("step 2");
        broken.finish("done");

        assertThat(broken.posted()).isFalse();
    }
}
