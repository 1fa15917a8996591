package dev.deckhand.testing;

import dev.deckhand.app.Deckhand;
import dev.deckhand.chat.Reply;
import dev.deckhand.store.SqliteGrantStore;
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
        // The watched regions (aws.regions is empty in the shipped config): an approved command names its region.
        aws.server.stubFor(AwsStub.queryAction("DescribeRegions").atPriority(9).willReturn(AwsStub.ec2Xml("DescribeRegions",
                "<regionInfo><item><regionName>us-east-1</regionName><regionEndpoint>ec2.us-east-1.amazonaws.com</regionEndpoint>"
                        + "<optInStatus>opt-in-not-required</optInStatus></item><item><regionName>eu-west-1</regionName>"
                        + "<regionEndpoint>ec2.eu-west-1.amazonaws.com</regionEndpoint><optInStatus>opt-in-not-required"
                        + "</optInStatus></item></regionInfo>")));
        Clock clock = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
        deckhand = TestDeckhand.start(temp, aws.clients, clock, chat, Map.of());
        // Straight into the grant store: the roles are the setting of these tests, not what they test.
        SqliteGrantStore grants = new SqliteGrantStore(deckhand.database(), clock);
        grants.grant("U2", "deployer", "console");
        grants.grant("UBOSS", "admin", "console");
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
