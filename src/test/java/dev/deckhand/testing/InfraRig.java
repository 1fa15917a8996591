package dev.deckhand.testing;

import dev.deckhand.app.Deckhand;
import dev.deckhand.chat.Reply;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * A whole Deckhand on WireMock for the networking/DNS command tests: shipped config, clock fixed at
 * 2026-11-25T12:00Z, one attempt per AWS call, {@code U2} a deployer and {@code UBOSS} an admin, all in
 * channel {@code C1}. Tests add their own stubs on {@link #aws}.
 */
public final class InfraRig implements AutoCloseable {

    public static final String CHANNEL = "C1";

    public final AwsStub aws;
    public final Deckhand deckhand;
    public final RecordingChatPort chat = new RecordingChatPort();

    public InfraRig(Path temp) {
        aws = new AwsStub(1);
        deckhand = TestDeckhand.start(temp, aws.clients, Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC),
                chat, Map.of());
        run("console", "grant U2 deployer");
        run("console", "grant UBOSS admin");
    }

    public Reply run(String user, String text) {
        return TestDeckhand.run(deckhand, user, CHANNEL, text);
    }

    /** Asked by {@code user}, held for approval, approved by a second admin ({@code UBOSS}): the approved run's answer. */
    public Reply approved(String user, String text) {
        return TestDeckhand.approve(deckhand, chat, "UBOSS", CHANNEL, run(user, text));
    }

    @Override
    public void close() {
        deckhand.close();
        aws.close();
    }
}
