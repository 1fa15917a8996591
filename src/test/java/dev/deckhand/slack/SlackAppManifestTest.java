package dev.deckhand.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.deckhand.app.config.ConfigLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The manifest a team pastes into Slack must agree with what the adapter serves. */
class SlackAppManifestTest {

    private final JsonNode manifest = read();

    private static JsonNode read() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(Path.of("config/slack-app-manifest.yml").toFile());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void slashCommand_isTheConfiguredOne_unescaped_onTheEventsPath() {
        JsonNode command = manifest.path("features").path("slash_commands").get(0);
        String configured = ConfigLoader.load(Path.of("config/deckhand.yml"), Map.of()).slack().command();

        assertThat(command.path("command").asText()).isEqualTo(configured);
        assertThat(command.path("should_escape").asBoolean(true)).isFalse();
        assertThat(command.path("usage_hint").asText()).isNotBlank();
        assertThat(command.path("url").asText()).endsWith(SlackHttpServer.EVENTS_PATH);
    }

    @Test
    void scopes_interactivity_andSocketMode_areDeclared() {
        List<String> scopes = new ArrayList<>();
        manifest.path("oauth_config").path("scopes").path("bot").forEach(s -> scopes.add(s.asText()));

        assertThat(scopes).containsExactlyInAnyOrder("commands", "chat:write", "chat:write.public", "im:write", "users:read",
                "files:write");
        assertThat(manifest.path("settings").path("interactivity").path("is_enabled").asBoolean()).isTrue();
        assertThat(manifest.path("settings").path("interactivity").path("request_url").asText())
                .endsWith(SlackHttpServer.EVENTS_PATH);
        assertThat(manifest.path("settings").path("socket_mode_enabled").asBoolean()).isTrue();
    }
}
