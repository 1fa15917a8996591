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
        // No real-time digest timer in tests: they run the digest and its scheduler with their own clock.
        env.putIfAbsent("DECKHAND_COSTWATCH_ENABLED", "false");
        return ConfigLoader.load(Path.of("config/deckhand.yml"), env);
    }

    public static Deckhand start(Path tempDir, AwsClients aws, Clock clock, ChatPort chat, Map<String, String> overrides) {
        return Deckhand.create(config(tempDir, overrides), aws, clock, chat);
    }

    /** Runs one command as {@code user} in {@code channel}, as the console would. */
    public static Reply run(Deckhand deckhand, String user, String channel, String text) {
        return deckhand.router().dispatch(new CommandRequest(user, channel, text, CommandRequest.Origin.CONSOLE));
    }

    /**
     * Approves, as {@code approver} (an admin other than the requester), the request a "needs approval"
     * reply names, and returns what the approved command answered: the reply Deckhand posted in the
     * approval card's thread.
     */
    public static Reply approve(Deckhand deckhand, RecordingChatPort chat, String approver, String channel, Reply needsApproval) {
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("\\(request ([a-z0-9]{8})\\)").matcher(needsApproval.body());
        if (!id.find()) {
            throw new AssertionError("Not a needs-approval reply: " + needsApproval.plainText());
        }
        int before = chat.ofKind("thread").size();
        Reply answer = run(deckhand, approver, channel, "approve " + id.group(1));
        if (chat.ofKind("thread").size() == before) {
            throw new AssertionError("The approval did not run the command: " + answer.plainText());
        }
        return chat.ofKind("thread").get(before).reply();
    }
}
