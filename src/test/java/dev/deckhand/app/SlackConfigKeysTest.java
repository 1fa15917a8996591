package dev.deckhand.app;

import dev.deckhand.app.config.ConfigLoader;
import dev.deckhand.app.config.DeckhandConfig;
import dev.deckhand.app.config.Secrets;
import dev.deckhand.slack.SlackSettings;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** slack.apiUrl, slack.readTimeoutMillis and slack.maxConcurrentRequests: read, defaulted, and checked by name. */
class SlackConfigKeysTest {

    private static String shipped() throws IOException {
        return Files.readString(Path.of("config/deckhand.yml"));
    }

    private static String without(String yaml, String key) {
        return yaml.replaceAll("(?m)^  " + key + ": .*\\n", "");
    }

    @Test
    void shippedConfig_pointsAtSlackCom_withTheDefaultLimits() throws IOException {
        DeckhandConfig.Slack slack = ConfigLoader.parse("f.yml", shipped(), Map.of()).slack();
        assertThat(slack.apiUrl()).isEqualTo("https://slack.com/api/");
        assertThat(slack.readTimeoutMillis()).isEqualTo(10_000);
        assertThat(slack.maxConcurrentRequests()).isEqualTo(64);
    }

    @Test
    void absentKeys_takeTheDefaults() throws IOException {
        String yaml = without(without(without(shipped(), "apiUrl"), "readTimeoutMillis"), "maxConcurrentRequests");
        DeckhandConfig.Slack slack = ConfigLoader.parse("f.yml", yaml, Map.of()).slack();
        assertThat(slack.apiUrl()).isEqualTo("https://slack.com/api/");
        assertThat(slack.readTimeoutMillis()).isEqualTo(10_000);
        assertThat(slack.maxConcurrentRequests()).isEqualTo(64);
    }

    @Test
    void govSlack_fromTheEnvironment_reachesTheSettings() throws IOException {
        DeckhandConfig config = ConfigLoader.parse("f.yml", shipped(),
                Map.of("DECKHAND_SLACK_API_URL", "https://slack-gov.com/api/", "DECKHAND_SLACK_READ_TIMEOUT_MILLIS", "2500"));
        SlackSettings settings = Main.slackSettings(config.slack(),
                Secrets.fromEnvironment(Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_SIGNING_SECRET", "s")));
        assertThat(settings.apiUrl()).isEqualTo("https://slack-gov.com/api/");
        assertThat(settings.http().readTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(settings.http().maxConcurrentRequests()).isEqualTo(64);
    }

    @Test
    void apiUrl_withoutTrailingSlash_isNamed() throws IOException {
        String yaml = shipped().replace("apiUrl: https://slack.com/api/", "apiUrl: https://slack.com/api");
        assertThatThrownBy(() -> ConfigLoader.parse("f.yml", yaml, Map.of()))
                .hasMessage("f.yml: slack.apiUrl: 'https://slack.com/api' is not an http(s) URL ending in /; "
                        + "e.g. https://slack.com/api/ or https://slack-gov.com/api/");
    }

    @Test
    void readTimeout_outOfRange_isNamed() throws IOException {
        String yaml = shipped().replace("readTimeoutMillis: 10000", "readTimeoutMillis: 0");
        assertThatThrownBy(() -> ConfigLoader.parse("f.yml", yaml, Map.of()))
                .hasMessage("f.yml: slack.readTimeoutMillis: 0 is out of range; allowed 500 to 120000 (Slack waits 3000 for an answer)");
    }

    @Test
    void maxConcurrentRequests_outOfRange_isNamed() throws IOException {
        String yaml = shipped().replace("maxConcurrentRequests: 64", "maxConcurrentRequests: 0");
        assertThatThrownBy(() -> ConfigLoader.parse("f.yml", yaml, Map.of()))
                .hasMessage("f.yml: slack.maxConcurrentRequests: 0 is out of range; allowed 1 to 1024");
    }
}
