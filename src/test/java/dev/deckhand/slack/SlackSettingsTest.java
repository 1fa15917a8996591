package dev.deckhand.slack;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlackSettingsTest {

    @Test
    void toString_showsOnlyTheKindOfEachToken() {
        SlackSettings settings = new SlackSettings(3000, "/deckhand", Set.of("help"), 8, Duration.ofSeconds(1),
                Duration.ofMinutes(1), "xoxb-fake-secret", Optional.of("abcdef0123456789"), Optional.of("xapp-1-A0-secret"));

        assertThat(settings.toString())
                .contains("botToken=xoxb-****", "signingSecret=****", "appToken=xapp-****")
                .doesNotContain("secret", "abcdef0123456789");
        assertThat(settings.socketMode()).isTrue();
    }

    @Test
    void withoutSigningSecretOrAppToken_thereIsNoWayToListen() {
        assertThatThrownBy(() -> new SlackSettings(3000, "/deckhand", Set.of(), 8, Duration.ofSeconds(1),
                Duration.ofMinutes(1), "xoxb-1", Optional.empty(), Optional.empty()))
                .hasMessage("Slack needs SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN (Socket Mode)");
    }
}
