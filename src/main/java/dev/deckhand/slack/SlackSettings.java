package dev.deckhand.slack;

import dev.deckhand.app.config.Secrets;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * What the Slack adapter needs from config/deckhand.yml ({@code slack:} section) and the environment.
 * {@code toString} masks the tokens so a logged settings object never leaks one.
 *
 * @param port              HTTP port (0: a free port); unused in Socket Mode
 * @param command           the slash command, e.g. {@code /deckhand}
 * @param instantCommands   commands answered inside the acknowledgement (they must not call AWS)
 * @param workers           threads running commands after the acknowledgement
 * @param progressInterval  least time between two updates of a progress message
 * @param duplicateWindow   how long deliveries are remembered to run a retried command once
 * @param botToken          {@code xoxb-...}
 * @param signingSecret     verifies HTTP requests; required in HTTP mode
 * @param appToken          {@code xapp-...}; when present Deckhand connects in Socket Mode
 * @param apiUrl            where Slack's Web API is, ending in {@code /}: {@code https://slack.com/api/}, GovSlack's
 *                          {@code https://slack-gov.com/api/}, or a test double
 * @param http              timeouts and limits of the HTTP endpoint (and of {@code /healthz} in Socket Mode)
 */
public record SlackSettings(int port, String command, Set<String> instantCommands, int workers,
                            Duration progressInterval, Duration duplicateWindow, String botToken,
                            Optional<String> signingSecret, Optional<String> appToken, String apiUrl,
                            HttpLimits http) {

    public static final String DEFAULT_API_URL = "https://slack.com/api/";

    /** Settings with Slack's own API host and the default HTTP limits. */
    public SlackSettings(int port, String command, Set<String> instantCommands, int workers,
                         Duration progressInterval, Duration duplicateWindow, String botToken,
                         Optional<String> signingSecret, Optional<String> appToken) {
        this(port, command, instantCommands, workers, progressInterval, duplicateWindow, botToken, signingSecret,
                appToken, DEFAULT_API_URL, HttpLimits.DEFAULTS);
    }

    public SlackSettings {
        instantCommands = Set.copyOf(instantCommands);
        if (apiUrl == null || !apiUrl.matches("https?://[^/\\s]+/(.*/)?")) {
            throw new IllegalArgumentException("slack.apiUrl must be an http(s) URL ending in /, e.g. " + DEFAULT_API_URL);
        }
        if (botToken == null || botToken.isBlank()) {
            throw new IllegalArgumentException("Slack needs SLACK_BOT_TOKEN");
        }
        if (signingSecret.isEmpty() && appToken.isEmpty()) {
            throw new IllegalArgumentException("Slack needs SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN (Socket Mode)");
        }
    }

    public boolean socketMode() {
        return appToken.isPresent();
    }

    @Override
    public String toString() {
        return "SlackSettings[port=" + port + ", command=" + command + ", instantCommands=" + instantCommands
                + ", workers=" + workers + ", progressInterval=" + progressInterval + ", duplicateWindow="
                + duplicateWindow + ", apiUrl=" + apiUrl + ", http=" + http + ", botToken=" + Secrets.mask(botToken) + ", signingSecret="
                + signingSecret.map(Secrets::mask).orElse("(not set)") + ", appToken="
                + appToken.map(Secrets::mask).orElse("(not set)") + "]";
    }
}
