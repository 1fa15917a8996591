package dev.deckhand.app;

import dev.deckhand.app.config.ConfigException;
import dev.deckhand.app.config.ConfigLoader;
import dev.deckhand.app.config.DeckhandConfig;
import dev.deckhand.approval.ApprovalSettings;
import dev.deckhand.command.CommandSpec;
import dev.deckhand.testing.AwsStub;
import dev.deckhand.testing.RecordingChatPort;
import dev.deckhand.testing.TestDeckhand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Config is checked against the code: every command name it mentions must be a registered command. */
class ConfigCommandNamesTest {

    @TempDir
    Path temp;

    private static AwsStub aws;

    @BeforeAll
    static void startAws() {
        aws = new AwsStub(1);
    }

    @AfterAll
    static void stopAws() {
        aws.close();
    }

    private Deckhand start(DeckhandConfig config) {
        return Deckhand.create(config, aws.clients, Clock.systemUTC(), new RecordingChatPort());
    }

    @Test
    void aTypoInApprovalsActions_stopsStartUp_namingTheEntryAndTheClosestCommand() {
        DeckhandConfig config = TestDeckhand.config(temp, Map.of("DECKHAND_APPROVALS_ACTIONS", "teardown,ec2 terminte"));

        assertThatThrownBy(() -> start(config)).isInstanceOf(ConfigException.class)
                .hasMessage("config/deckhand.yml: approvals.actions[1]: 'ec2 terminte' is not a command. "
                        + "Did you mean 'ec2 terminate'?");
    }

    @Test
    void aTypoInARolesCommands_stopsStartUp() throws IOException {
        String yaml = Files.readString(Path.of("config/deckhand.yml"))
                .replace("commands: [\"ec2 start\", \"ec2 stop\", \"ec2 reboot\"]", "commands: [\"ec2 start\", \"ec2 stpo\"]");
        DeckhandConfig config = ConfigLoader.parse("f.yml", yaml, Map.of("DECKHAND_STORE_PATH",
                temp.resolve("d.db").toString(), "DECKHAND_COSTWATCH_ENABLED", "false"));

        assertThatThrownBy(() -> start(config)).isInstanceOf(ConfigException.class)
                .hasMessage("f.yml: access.roles.operator.commands[1]: 'ec2 stpo' is not a command. Did you mean 'ec2 stop'?");
    }

    @Test
    void anUnknownInstantCommand_stopsStartUp_listingTheCommandsWhenNoneIsClose() {
        DeckhandConfig config = TestDeckhand.config(temp, Map.of("DECKHAND_SLACK_INSTANT_COMMANDS", "help,deploy-everything"));

        assertThatThrownBy(() -> start(config)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config/deckhand.yml: slack.instantCommands[1]: 'deploy-everything' is not a command. "
                        + "Commands: account, approvals, approve, audit,");
    }

    @Test
    void theStartUpCheck_leavesTheDatabaseClosed_soTheFixedConfigStarts() {
        DeckhandConfig bad = TestDeckhand.config(temp, Map.of("DECKHAND_APPROVALS_ACTIONS", "leaks clean"));
        assertThatThrownBy(() -> start(bad)).hasMessageContaining("Did you mean 'leaks cleanup'?");

        try (Deckhand fixed = start(TestDeckhand.config(temp, Map.of()))) {
            assertThat(fixed.registry().find("leaks cleanup")).isPresent();
        }
    }

    @Test
    void shippedConfig_holdsEveryDefaultDestructiveCommand_andEachIsRegistered() {
        DeckhandConfig config = TestDeckhand.config(temp, Map.of());
        try (Deckhand deckhand = start(config)) {
            assertThat(config.approvals().actions()).containsAll(ApprovalSettings.DEFAULT_ACTIONS);
            assertThat(deckhand.registry().all().stream().map(CommandSpec::name).toList())
                    .containsAll(ApprovalSettings.DEFAULT_ACTIONS);
        }
    }

    @Test
    void mainStartUp_withATypo_exitsWithTheConfigurationError() throws Exception {
        Path file = temp.resolve("deckhand.yml");
        Files.writeString(file, Files.readString(Path.of("config/deckhand.yml")));
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.err;
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        int status;
        try {
            status = Main.run(new String[]{"scan", "--config", file.toString()}, Map.of(
                    "DECKHAND_STORE_PATH", temp.resolve("m.db").toString(), "DECKHAND_APPROVALS_ACTIONS", "ec2 terminte"));
        } finally {
            System.setErr(original);
        }

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8)).startsWith("Configuration error: " + file
                + ": approvals.actions[0]: 'ec2 terminte' is not a command. Did you mean 'ec2 terminate'?");
    }
}
