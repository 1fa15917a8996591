package dev.deckhand.testing;

import dev.deckhand.app.Deckhand;
import dev.deckhand.chat.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Base of the networking/DNS command tests: a whole Deckhand on WireMock with the shipped config,
 * clock fixed at 2026-11-25T12:00Z, one attempt per AWS call, {@code U2} a deployer and {@code UBOSS}
 * an admin, everything in channel {@code C1}. Subclasses add their stubs on {@link #aws} in their own
 * {@code @BeforeEach} (JUnit runs this class's first).
 */
public abstract class InfraCommandTest {

    protected static final String CHANNEL = "C1";

    @TempDir
    protected Path temp;
    protected AwsStub aws;
    protected Deckhand deckhand;
    protected final RecordingChatPort chat = new RecordingChatPort();

    @BeforeEach
    void startDeckhand() {
        aws = new AwsStub(1);
        deckhand = TestDeckhand.start(temp, aws.clients, Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC),
                chat, Map.of());
        run("console", "grant U2 deployer");
        run("console", "grant UBOSS admin");
    }

    @AfterEach
    void stopDeckhand() {
        deckhand.close();
        aws.close();
    }

    protected Reply run(String user, String text) {
        return TestDeckhand.run(deckhand, user, CHANNEL, text);
    }

    /** Asked by {@code user}, held for approval, approved by a second admin ({@code UBOSS}): the approved run's answer. */
    protected Reply approved(String user, String text) {
        return TestDeckhand.approve(deckhand, chat, "UBOSS", CHANNEL, run(user, text));
    }
}
