package dev.deckhand.slack;

import com.slack.api.Slack;
import dev.deckhand.chat.Reply;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import static dev.deckhand.slack.SlackStub.apiRequested;
import static org.assertj.core.api.Assertions.assertThat;

/** slack.apiUrl decides where every Web API call goes: a host outside the JVM here, GovSlack in production. */
class SlackApiUrlTest {

    @Test
    void webApiCalls_goToTheConfiguredApiUrl() throws Exception {
        try (SlackStub stub = new SlackStub()) {
            SlackSettings settings = new SlackSettings(0, "/deckhand", Set.of("help"), 1, Duration.ofSeconds(1),
                    Duration.ofMinutes(1), SlackStub.BOT_TOKEN, Optional.of(SlackStub.SIGNING_SECRET), Optional.empty(),
                    stub.server.baseUrl() + "/api/", HttpLimits.DEFAULTS);
            try (Slack slack = SlackAdapter.slackClient(settings)) {
                SlackAdapter adapter = SlackAdapter.create(settings, slack, java.time.Clock.systemUTC());

                adapter.chatPort().post("C9", Reply.ephemeral("hello over there"));
                adapter.chatPort().directMessage("U9", Reply.ephemeral("psst"));

                assertThat(stub.await(apiRequested("chat.postMessage"), 2)).hasSize(2);
                assertThat(stub.await(apiRequested("conversations.open"), 1)).hasSize(1);
            }
        }
    }

    @Test
    void apiUrl_isSlackComByDefault() {
        SlackSettings settings = new SlackSettings(0, "/deckhand", Set.of(), 1, Duration.ofSeconds(1),
                Duration.ofMinutes(1), SlackStub.BOT_TOKEN, Optional.of("s"), Optional.empty());
        assertThat(settings.apiUrl()).isEqualTo("https://slack.com/api/");
    }
}
