package dev.deckhand.testing;

import dev.deckhand.app.Deckhand;
import dev.deckhand.app.config.ConfigLoader;
import dev.deckhand.app.config.DeckhandConfig;
import dev.deckhand.aws.AwsClients;
import dev.deckhand.chat.ChatPort;
import dev.deckhand.chat.CommandRequest;
import dev.deckhand.chat.Reply;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * A whole Deckhand on the shipped config/deckhand.yml, with its SQLite file in a temp folder and any
 * {@code DECKHAND_...} overrides a test needs.
 */
public final class TestDeckhand {

    private TestDeckhand() {
    }

    public static DeckhandConfig config(Path tempDir, Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>(overrides);
        env.putIfAbsent("DECKHAND_STORE_PATH", tempDir.resolve("deckhand.db").toString());
        return ConfigLoader.load(Path.of("config/deckhand.yml"), env);
    }

    public static Deckhand start(Path tempDir, AwsClients aws, Clock clock, ChatPort chat, Map<String, String> overrides) {
        return Deckhand.create(config(tempDir, overrides), aws, clock, chat);
    }

    /** Runs one command as {@code user} in {@code channel}, as the console would. */
    public static Reply run(Deckhand deckhand, String user, String channel, String text) {
        return deckhand.router().dispatch(new CommandRequest(user, channel, text, CommandRequest.Origin.CONSOLE));
    }
}
