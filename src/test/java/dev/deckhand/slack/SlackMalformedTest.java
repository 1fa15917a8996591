package dev.deckhand.slack;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A payload that is signed (so it is Slack's, or someone holding the secret) but cannot be read: 400, nothing runs. */
class SlackMalformedTest {

    @TempDir
    static Path dir;
    private static SlackRig rig;
    private static SlackStub slack;
    private static SlackAdapter adapter;

    @BeforeAll
    static void start() throws Exception {
        SlackSettings settings = new SlackSettings(0, "/deckhand", Set.of("help"), 1, Duration.ofSeconds(1),
                Duration.ofSeconds(60), SlackStub.BOT_TOKEN, Optional.of(SlackStub.SIGNING_SECRET), Optional.empty());
        rig = new SlackRig(dir, settings, Clock.systemUTC(), d -> { });
        slack = rig.slack;
        adapter = rig.adapter;
    }

    @AfterAll
    static void stop() throws Exception {
        rig.close();
    }

    private static HttpResponse<String> send(String body) {
        return slack.send(adapter.port(), body, Instant.now());
    }

    @Test
    void interactionPayload_thatIsNotJson_gets400() {
        HttpResponse<String> answer = send("payload=%7Bnot+json");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).isEqualTo("{\"error\":\"malformed payload\"}");
    }

    @Test
    void slashCommand_withoutUserOrChannel_gets400_andNothingIsAnswered() {
        HttpResponse<String> answer = send("command=%2Fdeckhand&text=help&team_id=T1&response_url="
                + slack.responseUrl("m-nouser") + "&trigger_id=m-nouser");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(slack.server.findAll(SlackStub.responseUrlRequested("m-nouser"))).isEmpty();
    }

    @Test
    void click_withoutActions_gets400() {
        HttpResponse<String> answer = send("payload=" + java.net.URLEncoder.encode(
                "{\"type\":\"block_actions\",\"user\":{\"id\":\"U1\"},\"actions\":[]}", java.nio.charset.StandardCharsets.UTF_8));

        assertThat(answer.statusCode()).isEqualTo(400);
    }

    @Test
    void bodyThatIsNoSlackRequest_gets400() {
        assertThat(send("hello=world").statusCode()).isEqualTo(400);
    }
}
