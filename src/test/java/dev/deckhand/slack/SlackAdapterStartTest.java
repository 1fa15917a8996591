package dev.deckhand.slack;

import dev.deckhand.app.Deckhand;
import dev.deckhand.testing.AwsStub;
import dev.deckhand.testing.TestDeckhand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlackAdapterStartTest {

    @Test
    void start_whenSlackRefusesTheBotToken_saysSo_withoutTheToken(@TempDir Path dir) throws Exception {
        try (SlackStub slack = new SlackStub(); AwsStub aws = new AwsStub()) {
            slack.server.stubFor(post(urlPathEqualTo("/api/auth.test")).willReturn(okJson("{\"ok\":false,\"error\":\"invalid_auth\"}")));
            SlackSettings settings = new SlackSettings(0, "/deckhand", Set.of("help"), 1, Duration.ofSeconds(1),
                    Duration.ofMinutes(1), "xoxb-revoked-token", Optional.of(SlackStub.SIGNING_SECRET), Optional.empty());
            try (SlackAdapter adapter = SlackAdapter.create(settings, slack.slack, Clock.systemUTC());
                 Deckhand deckhand = TestDeckhand.start(dir, aws.clients, Clock.systemUTC(), adapter.chatPort(), Map.of())) {

                assertThatThrownBy(() -> adapter.start(deckhand.router(), deckhand.checker(), deckhand::regionOf))
                        .isInstanceOf(IOException.class)
                        .hasMessageStartingWith("Slack adapter could not start: Slack did not confirm SLACK_BOT_TOKEN with auth.test (")
                        .hasMessageContaining("invalid_auth")
                        .hasMessageNotContaining("xoxb-revoked-token");
            }
        }
    }

    @Test
    void socketMode_whenSlackRefusesTheAppToken_saysSo_withoutTheToken(@TempDir Path dir) throws Exception {
        try (SlackStub slack = new SlackStub(); AwsStub aws = new AwsStub()) {
            slack.server.stubFor(post(urlPathEqualTo("/api/apps.connections.open"))
                    .willReturn(okJson("{\"ok\":false,\"error\":\"invalid_auth\"}")));
            SlackSettings settings = new SlackSettings(0, "/deckhand", Set.of("help"), 1, Duration.ofSeconds(1),
                    Duration.ofMinutes(1), SlackStub.BOT_TOKEN, Optional.empty(), Optional.of("xapp-1-revoked"));
            try (SlackAdapter adapter = SlackAdapter.create(settings, slack.slack, Clock.systemUTC());
                 Deckhand deckhand = TestDeckhand.start(dir, aws.clients, Clock.systemUTC(), adapter.chatPort(), Map.of())) {

                assertThatThrownBy(() -> adapter.start(deckhand.router(), deckhand.checker(), deckhand::regionOf))
                        .isInstanceOf(IOException.class)
                        .hasMessageStartingWith("Slack adapter could not start: Slack did not open a Socket Mode "
                                + "connection with SLACK_APP_TOKEN (")
                        .hasMessageContaining("invalid_auth")
                        .hasMessageNotContaining("xapp-1-revoked");
            }
        }
    }
}
