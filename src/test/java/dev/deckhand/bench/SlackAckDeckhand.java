package dev.deckhand.bench;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import dev.deckhand.access.Role;
import dev.deckhand.app.Deckhand;
import dev.deckhand.aws.AwsClients;
import dev.deckhand.chat.Reply;
import dev.deckhand.command.CommandSpec;
import dev.deckhand.slack.SlackAdapter;
import dev.deckhand.slack.SlackSettings;
import dev.deckhand.slack.SlackStub;
import dev.deckhand.testing.TestDeckhand;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Deckhand's side of {@link SlackAckBench} in its own JVM, so the resident memory and CPU the bench prints are
 * Deckhand's alone: the Slack adapter (Jetty front, 16 workers) on a free port, wired as {@code Main} wires it
 * (duplicate and replay keys in the store's {@code deliveries} table), AWS and Slack's Web API at the URLs given
 * (WireMock in the bench's JVM), plus a {@code bench} command that makes one EC2 call. Prints
 * {@code ready <port>} and serves until its standard input closes (the bench exits or kills it).
 *
 * <p>{@code SlackAckDeckhand <aws-endpoint-url> <slack-api-url>}
 */
public final class SlackAckDeckhand {

    private SlackAckDeckhand() {
    }

    public static void main(String[] args) throws Exception {
        URI awsEndpoint = URI.create(args[0]);
        String slackApi = args[1];
        Path dir = Files.createTempDirectory("deckhand-ack-bench");
        Clock clock = Clock.systemUTC();
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(slackApi);
        config.setStatsEnabled(false);
        Slack slack = Slack.getInstance(config);
        SlackSettings settings = new SlackSettings(0, "/deckhand", Set.of("help"), 16, Duration.ofSeconds(1),
                Duration.ofMinutes(5), SlackStub.BOT_TOKEN, Optional.of(SlackStub.SIGNING_SECRET), Optional.empty());
        try (AwsClients aws = new AwsClients(new AwsClients.Settings(Optional.of(awsEndpoint),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test-secret")), 3));
             SlackAdapter adapter = SlackAdapter.create(settings, slack, clock);
             Deckhand deckhand = TestDeckhand.start(dir, aws, clock, adapter.chatPort(), Map.of())) {
            deckhand.registry().register(CommandSpec.command("bench").usage("bench").description("Bench: one EC2 call")
                    .example("bench").role(Role.DEPLOYER).handledBy(c -> {
                        int n = deckhand.aws().ec2(c.region()).describeInstances().reservations().size();
                        return Reply.inChannel("Found " + n + " reservations in " + c.region() + ".");
                    }));
            TestDeckhand.run(deckhand, "console", "console", "grant UBENCH deployer");
            adapter.start(deckhand.router(), deckhand.checker(), deckhand::regionOf,
                    deckhand.deliveryGuard(settings.duplicateWindow()));
            System.out.println("ready " + adapter.port());
            System.out.flush();
            while (System.in.read() != -1) {
                // serve until the bench closes our stdin (or kills us)
            }
        }
        System.exit(0);
    }
}
