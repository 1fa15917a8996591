package dev.deckhand.app;

import dev.deckhand.app.config.ConfigException;
import dev.deckhand.app.config.ConfigLoader;
import dev.deckhand.app.config.DeckhandConfig;
import dev.deckhand.app.config.Secrets;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

    private static final Path SHIPPED = Path.of("config/deckhand.yml");

    private static String shipped() throws IOException {
        return Files.readString(SHIPPED);
    }

    @Test
    void load_shippedConfig_isValid() {
        DeckhandConfig config = ConfigLoader.load(SHIPPED, Map.of());
        assertThat(config.aws().defaultRegion()).isEqualTo("us-east-1");
        assertThat(config.access().roles()).containsKeys("viewer", "deployer", "admin");
        assertThat(config.store().path()).isEqualTo("data/deckhand.db");
    }

    @Test
    void load_environmentOverridesKeys() {
        DeckhandConfig config = ConfigLoader.load(SHIPPED, Map.of(
                "DECKHAND_AWS_DEFAULT_REGION", "eu-west-1",
                "DECKHAND_AWS_REGIONS", "eu-west-1, us-east-1",
                "DECKHAND_AWS_MAX_ATTEMPTS", "5",
                "DECKHAND_STORE_PATH", "/tmp/x.db"));
        assertThat(config.aws().defaultRegion()).isEqualTo("eu-west-1");
        assertThat(config.aws().regions()).containsExactly("eu-west-1", "us-east-1");
        assertThat(config.aws().maxAttempts()).isEqualTo(5);
        assertThat(config.store().path()).isEqualTo("/tmp/x.db");
    }

    @Test
    void storeUrl_emptyByDefault_postgresFromTheEnvironment() {
        assertThat(ConfigLoader.load(SHIPPED, Map.of()).store().url()).isEmpty();
        DeckhandConfig config = ConfigLoader.load(SHIPPED, Map.of("DECKHAND_STORE_URL", "jdbc:postgresql://db:5432/deckhand"));
        assertThat(config.store().url()).isEqualTo("jdbc:postgresql://db:5432/deckhand");
    }

    @Test
    void storeUrl_otherDatabase_isRefusedNamingTheKey() {
        assertThatThrownBy(() -> ConfigLoader.load(SHIPPED, Map.of("DECKHAND_STORE_URL", "jdbc:mysql://db/deckhand")))
                .hasMessage("config/deckhand.yml: store.url: must be jdbc:sqlite:<file> or "
                        + "jdbc:postgresql://<host>:<port>/<database>, or empty for store.path");
    }

    @Test
    void storeUrl_withAPassword_isRefused_andTheMessageDoesNotRepeatIt() {
        for (String url : new String[] {"jdbc:postgresql://deckhand:hunter2@db/deckhand",
                "jdbc:postgresql://db/deckhand?user=deckhand&password=hunter2"}) {
            assertThatThrownBy(() -> ConfigLoader.load(SHIPPED, Map.of("DECKHAND_STORE_URL", url)))
                    .hasMessageContaining("store.url: must not contain a password; set DECKHAND_STORE_USER and "
                            + "DECKHAND_STORE_PASSWORD in the environment")
                    .message().doesNotContain("hunter2");
        }
    }

    @Test
    void storeCredentials_areNotYamlKeys() throws IOException {
        String yaml = shipped().replace("  url: \"\"", "  url: \"\"\n  password: hunter2");
        assertThatThrownBy(() -> ConfigLoader.parse("config/deckhand.yml", yaml, Map.of()))
                .hasMessageStartingWith("config/deckhand.yml: store.password: unknown key.");
    }

    @Test
    void load_badRegion_namesKeyAndAllowedForm() throws IOException {
        String yaml = shipped().replace("defaultRegion: us-east-1", "defaultRegion: mars-1");
        assertThatThrownBy(() -> ConfigLoader.parse("config/deckhand.yml", yaml, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config/deckhand.yml: aws.defaultRegion: 'mars-1' is not an AWS region; e.g. us-east-1, ap-northeast-2");
    }

    @Test
    void rateLimits_defaultsShipped_overridable_andCheckedByName() throws IOException {
        DeckhandConfig shipped = ConfigLoader.load(SHIPPED, Map.of());
        assertThat(shipped.rateLimits()).isEqualTo(new dev.deckhand.app.config.RateLimitsConfig(60, 10, 5, 0));
        assertThat(ConfigLoader.load(SHIPPED, Map.of("DECKHAND_RATE_LIMITS_AWS_CALLS_PER_SECOND", "2"))
                .rateLimits().awsCallsPerSecond()).isEqualTo(2);
        assertThatThrownBy(() -> ConfigLoader.load(SHIPPED, Map.of("DECKHAND_RATE_LIMITS_AWS_CALLS_PER_SECOND", "50")))
                .hasMessage("config/deckhand.yml: rateLimits.awsCallsPerSecond: 50 is out of range; allowed 0 (no limit, "
                        + "for emulators) to 20 (EC2 refills 20 calls per second per action for the whole account and region; "
                        + "keep Deckhand well under it), e.g. 5");
        assertThatThrownBy(() -> ConfigLoader.load(SHIPPED, Map.of("DECKHAND_RATE_LIMITS_FRESH_PER_USER_SECONDS", "-1")))
                .hasMessage("config/deckhand.yml: rateLimits.freshPerUserSeconds: -1 is out of range; allowed 0 (no limit) "
                        + "to 86400, e.g. 60");
        assertThat(ConfigLoader.load(SHIPPED, Map.of("DECKHAND_RATE_LIMITS_SCAN_CONCURRENCY", "400"))
                .rateLimits().scanConcurrency()).as("more than the default allows, for a larger heap").isEqualTo(400);
        assertThatThrownBy(() -> ConfigLoader.load(SHIPPED, Map.of("DECKHAND_RATE_LIMITS_SCAN_CONCURRENCY", "401")))
                .hasMessage("config/deckhand.yml: rateLimits.scanConcurrency: 401 is out of range; allowed 0 (9 per "
                        + "watched region, at most 256) to 400");
        assertThatThrownBy(() -> ConfigLoader.parse("f.yml", shipped().replace("  scanConcurrency: 0",
                "  scanConcurrency: 0\n  scanConcurency: 0"), Map.of())).hasMessageStartingWith("f.yml: rateLimits.scanConcurency: unknown key.");
        String without = shipped().substring(0, shipped().indexOf("\nrateLimits:"));
        assertThat(ConfigLoader.parse("old.yml", without, Map.of()).rateLimits())
                .isEqualTo(dev.deckhand.app.config.RateLimitsConfig.DEFAULTS);
    }

    @Test
    void load_misspelledRegion_isRefusedWithTheRealName() {
        assertThatThrownBy(() -> ConfigLoader.load(SHIPPED, Map.of("DECKHAND_AWS_REGIONS", "us-east-1,ap-ortheast-2")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config/deckhand.yml: aws.regions[1]: 'ap-ortheast-2' is not an AWS region. Did you mean ap-northeast-2?");
    }

    @Test
    void load_badOverride_namesTheKey() {
        assertThatThrownBy(() -> ConfigLoader.load(SHIPPED, Map.of("DECKHAND_AWS_MAX_ATTEMPTS", "50")))
                .hasMessage("config/deckhand.yml: aws.maxAttempts: 50 is out of range; allowed 1 to 10");
    }

    @Test
    void load_unknownKey_isNamed() throws IOException {
        String yaml = shipped().replace("  maxAttempts: 3", "  maxAttempts: 3\n  maxAtempts: 4");
        assertThatThrownBy(() -> ConfigLoader.parse("f.yml", yaml, Map.of()))
                .hasMessageStartingWith("f.yml: aws.maxAtempts: unknown key.");
    }

    @Test
    void load_userWithUndefinedRole_isNamed() throws IOException {
        String yaml = shipped().replace("console: admin", "console: superuser");
        assertThatThrownBy(() -> ConfigLoader.parse("f.yml", yaml, Map.of()))
                .hasMessage("f.yml: access.users.console: 'superuser' is not a defined role; allowed: [viewer, deployer, admin, operator]");
    }

    @Test
    void load_roleWithBadBase_isNamed() throws IOException {
        String yaml = shipped().replace("    operator:\n      base: viewer", "    operator:\n      base: root");
        assertThatThrownBy(() -> ConfigLoader.parse("f.yml", yaml, Map.of()))
                .hasMessage("f.yml: access.roles.operator.base: 'root' is not a role level; allowed: viewer, deployer, admin");
    }

    @Test
    void load_wrongType_namesKey() throws IOException {
        String yaml = shipped().replace("port: 3000", "port: lots");
        assertThatThrownBy(() -> ConfigLoader.parse("f.yml", yaml, Map.of())).hasMessageStartingWith("f.yml: slack.port:");
    }

    @Test
    void load_missingFile_saysWhatToDo() {
        assertThatThrownBy(() -> ConfigLoader.load(Path.of("nope.yml"), Map.of()))
                .hasMessage("nope.yml: file not found. Start Deckhand from its folder, or pass --config <file>.");
    }

    @Test
    void envName_isUpperSnake() {
        assertThat(dev.deckhand.app.config.ConfigLoaderAccess.envName("defaultRegion")).isEqualTo("DEFAULT_REGION");
    }

    @Test
    void secrets_areMaskedInToString() {
        Secrets secrets = Secrets.fromEnvironment(Map.of("SLACK_BOT_TOKEN", "xoxb-fake-bot-token",
                "SLACK_SIGNING_SECRET", "fake-signing-secret"));
        assertThat(secrets.toString()).doesNotContain("fake-bot-token").doesNotContain("fake-signing-secret")
                .isEqualTo("Secrets[slackBotToken=xoxb-****, slackSigningSecret=****, slackAppToken=(not set)]");
        assertThat(secrets.hasSlack()).isTrue();
    }

    @Test
    void mask_keepsOnlyASlackTokenKind_neverPartOfAnotherSecret() {
        assertThat(Secrets.mask("xapp-1-A0-fake")).isEqualTo("xapp-****");
        assertThat(Secrets.mask("prod-signing-secret")).isEqualTo("****");
        assertThat(Secrets.mask("")).isEqualTo("(not set)");
    }
}
