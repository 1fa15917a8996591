package dev.deckhand.app.config;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Tokens read only from the environment, never from YAML. {@code toString} masks them so a logged
 * config can never leak one. AWS keys are not here at all: the SDK's default chain finds them.
 */
public record Secrets(Optional<String> slackBotToken, Optional<String> slackSigningSecret,
                      Optional<String> slackAppToken) {

    private static final Pattern TOKEN_KIND = Pattern.compile("x(oxb|oxp|oxe|app)-");

    public static Secrets fromEnvironment(Map<String, String> env) {
        return new Secrets(nonBlank(env.get("SLACK_BOT_TOKEN")), nonBlank(env.get("SLACK_SIGNING_SECRET")),
                nonBlank(env.get("SLACK_APP_TOKEN")));
    }

    /** Slack is configured when there is a bot token and either a signing secret (HTTP) or an app token (Socket Mode). */
    public boolean hasSlack() {
        return slackBotToken.isPresent() && (slackSigningSecret.isPresent() || slackAppToken.isPresent());
    }

    /**
     * Shows only a Slack token's kind ({@code xoxb-****}); anything else, a signing secret included,
     * is all stars, so no part of its value is ever printed.
     */
    public static String mask(String secret) {
        if (secret == null || secret.isEmpty()) {
            return "(not set)";
        }
        return (TOKEN_KIND.matcher(secret).lookingAt() ? secret.substring(0, 5) : "") + "****";
    }

    @Override
    public String toString() {
        return "Secrets[slackBotToken=" + slackBotToken.map(Secrets::mask).orElse("(not set)")
                + ", slackSigningSecret=" + slackSigningSecret.map(Secrets::mask).orElse("(not set)")
                + ", slackAppToken=" + slackAppToken.map(Secrets::mask).orElse("(not set)") + "]";
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }
}
