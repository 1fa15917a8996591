package dev.deckhand.slack;

import dev.deckhand.app.Deckhand;
import dev.deckhand.testing.AwsStub;
import dev.deckhand.testing.TestDeckhand;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A running Slack adapter in front of a whole Deckhand: WireMock plays Slack's Web API and response_url
 * ({@link SlackStub}) and AWS ({@link AwsStub}); tests send signed requests to {@link #adapter}'s port.
 */
final class SlackRig implements AutoCloseable {

    final SlackStub slack;
    final AwsStub aws;
    final SlackAdapter adapter;
    final Deckhand deckhand;

    /** @param beforeStart registers test commands, grants roles: runs before the adapter takes requests */
    SlackRig(Path dir, SlackSettings settings, Clock clock, Consumer<Deckhand> beforeStart) throws Exception {
        this(dir, settings, clock, Map.of(), aws -> { }, beforeStart);
    }

    /**
     * @param env      configuration overrides ({@code DECKHAND_AWS_REGIONS}, ...)
     * @param awsSetup stubs AWS before Deckhand starts (it may ask AWS at start)
     */
    SlackRig(Path dir, SlackSettings settings, Clock clock, Map<String, String> env, Consumer<AwsStub> awsSetup,
             Consumer<Deckhand> beforeStart) throws Exception {
        slack = new SlackStub();
        aws = new AwsStub();
        awsSetup.accept(aws);
        adapter = SlackAdapter.create(settings, slack.slack, clock);
        deckhand = TestDeckhand.start(dir, aws.clients, clock, adapter.chatPort(), env);
        beforeStart.accept(deckhand);
        adapter.start(deckhand.router(), deckhand.checker(), deckhand::regionOf);
    }

    @Override
    public void close() throws Exception {
        adapter.close();
        deckhand.close();
        aws.close();
        slack.close();
    }
}
