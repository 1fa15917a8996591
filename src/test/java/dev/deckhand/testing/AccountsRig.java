package dev.deckhand.testing;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.deckhand.app.Deckhand;
import dev.deckhand.app.config.ConfigLoader;
import dev.deckhand.app.config.DeckhandConfig;
import dev.deckhand.aws.AwsClients;
import dev.deckhand.chat.Reply;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A whole Deckhand on the shipped config with {@code aws.accounts} dev (111111111111, us-east-1 and
 * eu-west-1) and prod (222222222222, ap-northeast-2 and eu-west-1), WireMock answering STS (ASIADEVKEY,
 * ASIAPRODKEY) and AWS, and extra {@code access.users} lines.
 */
public final class AccountsRig implements AutoCloseable {

    public static final String DEV_ROLE = "arn:aws:iam::111111111111:role/deckhand";
    public static final String PROD_ROLE = "arn:aws:iam::222222222222:role/deckhand";
    public static final String ACCOUNTS = """
              accounts:
                - name: dev
                  accountId: "111111111111"
                  roleArn: arn:aws:iam::111111111111:role/deckhand
                  externalId: ext-dev-42
                  regions: [us-east-1, eu-west-1]
                  defaultRegion: us-east-1
                - name: prod
                  accountId: "222222222222"
                  roleArn: arn:aws:iam::222222222222:role/deckhand
                  regions: [ap-northeast-2, eu-west-1]
                  defaultRegion: ap-northeast-2
            """;

    public final WireMockServer server;
    public final AwsClients clients;
    public final Deckhand deckhand;
    public final RecordingChatPort chat = new RecordingChatPort();

    /** @param users extra lines under access.users, e.g. {@code U1: "deployer@dev, viewer@prod"} */
    public AccountsRig(Path tempDir, Clock clock, String... users) {
        this(tempDir, clock, ACCOUNTS, java.util.List.of(users));
    }

    /** @param accounts the {@code accounts:} YAML (as {@link #ACCOUNTS}) */
    public AccountsRig(Path tempDir, Clock clock, String accounts, java.util.List<String> users) {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        AwsStub.answerEveryTypeIsX86(server);
        StsStub.assumeRole(server, DEV_ROLE, "ASIADEVKEY", Duration.ofHours(1));
        StsStub.assumeRole(server, PROD_ROLE, "ASIAPRODKEY", Duration.ofHours(1));
        DeckhandConfig config = config(tempDir, accounts, users.toArray(String[]::new));
        clients = new AwsClients(new AwsClients.Settings(Optional.of(URI.create(server.baseUrl())),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDHUB", "hub-secret")), 1),
                config.aws().toAccounts(), config.aws().defaultRegion());
        deckhand = Deckhand.create(config, clients, clock, chat);
    }

    /** The shipped config with {@code accounts} (YAML under aws, indented by two) and extra users. */
    public static DeckhandConfig config(Path tempDir, String accounts, String... users) {
        String yaml;
        try {
            yaml = Files.readString(Path.of("config/deckhand.yml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!yaml.contains("  accounts: []\n") || !yaml.contains("    console: admin\n")) {
            throw new AssertionError("config/deckhand.yml changed shape");
        }
        yaml = yaml.replace("  accounts: []\n", accounts.stripTrailing().replaceFirst("^\\s*accounts:", "  accounts:") + "\n");
        StringBuilder extra = new StringBuilder("    console: admin\n");
        for (String user : users) {
            extra.append("    ").append(user).append('\n');
        }
        yaml = yaml.replace("    console: admin\n", extra.toString());
        return ConfigLoader.parse("config/deckhand.yml", yaml, Map.of(
                "DECKHAND_STORE_PATH", tempDir.resolve("deckhand.db").toString(),
                "DECKHAND_COSTWATCH_ENABLED", "false"));
    }

    public Reply run(String user, String text) {
        return TestDeckhand.run(deckhand, user, "C0DEPLOY", text);
    }

    @Override
    public void close() {
        deckhand.close();
        clients.close();
        server.stop();
    }
}
