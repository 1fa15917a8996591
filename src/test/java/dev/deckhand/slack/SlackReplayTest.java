package dev.deckhand.slack;

import dev.deckhand.access.Role;
import dev.deckhand.app.Deckhand;
import dev.deckhand.chat.Reply;
import dev.deckhand.command.CommandSpec;
import dev.deckhand.testing.AwsStub;
import dev.deckhand.testing.MutableClock;
import dev.deckhand.testing.TestDeckhand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A captured signed request sent again after the 60 s duplicate window but while its timestamp still
 * passes (5 minutes either side) runs nothing: not in the same process, not after a restart on the same
 * store. The clock is injected, so "later" is a clock step, not a sleep.
 */
class SlackReplayTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(NOW);
    private final List<String> runs = new CopyOnWriteArrayList<>();
    private SlackStub slack;
    private AwsStub aws;
    private Deckhand deckhand;
    private SlackAdapter adapter;

    @BeforeEach
    void start() throws Exception {
        slack = new SlackStub();
        aws = new AwsStub();
        startApp();
    }

    /** One Deckhand with its Slack adapter on the store in {@link #dir}; called again to "restart". */
    private void startApp() throws Exception {
        SlackSettings settings = new SlackSettings(0, "/deckhand", Set.of("help", "count"), 1,
                Duration.ofSeconds(1), Duration.ofSeconds(60), SlackStub.BOT_TOKEN,
                Optional.of(SlackStub.SIGNING_SECRET), Optional.empty());
        adapter = SlackAdapter.create(settings, slack.slack, clock);
        deckhand = TestDeckhand.start(dir, aws.clients, clock, adapter.chatPort(), Map.of());
        deckhand.registry().register(CommandSpec.command("count").usage("count <label>").description("Test count")
                .example("count a").role(Role.VIEWER).args(1, 1).handledBy(context -> {
                    runs.add(context.request().text());
                    return Reply.ephemeral("counted");
                }));
        adapter.start(deckhand.router(), deckhand.checker(), deckhand::regionOf,
                deckhand.deliveryGuard(settings.duplicateWindow()));
    }

    private void stopApp() {
        adapter.close();
        deckhand.close();
    }

    @AfterEach
    void stop() throws Exception {
        stopApp();
        aws.close();
        slack.close();
    }

    private HttpResponse<String> send(String body, Instant signedAt) {
        return slack.send(adapter.port(), body, signedAt);
    }

    @Test
    void replay_afterTheDuplicateWindow_withinTheTimestampWindow_runsNothing() {
        String captured = slack.slashBody("UVIEW", "C1", "count reboot", "t-captured");
        assertThat(send(captured, NOW).body()).contains("counted");

        clock.advance(Duration.ofSeconds(90));
        HttpResponse<String> replay = send(captured, NOW);
        clock.advance(Duration.ofSeconds(200));
        HttpResponse<String> lateReplay = send(captured, NOW);

        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.body()).as("acknowledged with nothing").isEmpty();
        assertThat(lateReplay.body()).isEmpty();
        assertThat(runs).containsExactly("count reboot");
    }

    @Test
    void replay_afterARestartOnTheSameStore_runsNothing() throws Exception {
        String captured = slack.slashBody("UVIEW", "C1", "count grant", "t-before-restart");
        assertThat(send(captured, NOW).body()).contains("counted");

        stopApp();
        clock.advance(Duration.ofSeconds(120));
        startApp();
        HttpResponse<String> replay = send(captured, NOW);

        assertThat(replay.body()).isEmpty();
        assertThat(runs).containsExactly("count grant");
    }

    @Test
    void replay_ofARequestStampedInTheFuture_isRefusedUntilItsTimestampExpires() {
        Instant ahead = NOW.plusSeconds(250);
        String captured = slack.slashBody("UVIEW", "C1", "count ahead", "t-ahead");
        assertThat(send(captured, ahead).body()).contains("counted");

        clock.advance(Duration.ofSeconds(540)); // the stamp is now 290 s in the past: it still passes the gate
        HttpResponse<String> replay = send(captured, ahead);
        clock.advance(Duration.ofSeconds(20)); // 310 s in the past: the gate refuses it outright
        HttpResponse<String> stale = send(captured, ahead);

        assertThat(replay.body()).isEmpty();
        assertThat(stale.statusCode()).isEqualTo(401);
        assertThat(runs).containsExactly("count ahead");
    }

    @Test
    void aNewRequest_withTheSameText_stillRuns() {
        assertThat(send(slack.slashBody("UVIEW", "C1", "count twice", "t-one"), NOW).body()).contains("counted");
        clock.advance(Duration.ofSeconds(1));
        assertThat(send(slack.slashBody("UVIEW", "C1", "count twice", "t-two"), NOW.plusSeconds(1)).body()).contains("counted");

        assertThat(runs).containsExactly("count twice", "count twice");
    }
}
