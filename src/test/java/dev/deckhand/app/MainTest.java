package dev.deckhand.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {

    @TempDir
    Path temp;

    private record Run(int status, String out, String err) { }

    private Run run(Map<String, String> env, String... args) throws Exception {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true));
            System.setErr(new PrintStream(err, true));
            int status = Main.run(args, env);
            return new Run(status, out.toString(), err.toString());
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void help_listsModes() throws Exception {
        Run r = run(Map.of(), "--help");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("Modes:").contains("console").contains("slack").contains("--config <file>");
    }

    @Test
    void badConfig_exitsWithTheKeyNamed() throws Exception {
        Path bad = temp.resolve("bad.yml");
        Files.writeString(bad, Files.readString(Path.of("config/deckhand.yml")).replace("maxAttempts: 3", "maxAttempts: 0"));
        Run r = run(Map.of(), "console", "--config", bad.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("aws.maxAttempts: 0 is out of range; allowed 1 to 10");
    }

    @Test
    void unknownMode_showsUsage() throws Exception {
        Run r = run(Map.of(), "serve");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown mode or argument: serve").contains("Usage:");
    }

    @Test
    void unreachableStore_exitsWithTheStoreNamed_andNoPassword() throws Exception {
        Run r = run(Map.of("DECKHAND_STORE_URL", "jdbc:postgresql://127.0.0.1:1/deckhand",
                "DECKHAND_STORE_USER", "deckhand", "DECKHAND_STORE_PASSWORD", "hunter2"), "console");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("Store error: Cannot connect to the store at jdbc:postgresql://127.0.0.1:1/deckhand: ")
                .contains(". Check store.url and DECKHAND_STORE_USER / DECKHAND_STORE_PASSWORD.")
                .doesNotContain("hunter2").doesNotContain("connections..");
    }

    @Test
    void slackWithTheDigestEnabledButNoChannel_failsAtStartNamingTheKey() throws Exception {
        Run r = run(Map.of("SLACK_BOT_TOKEN", "xoxb-fake", "SLACK_SIGNING_SECRET", "fake-secret",
                "DECKHAND_STORE_PATH", temp.resolve("d.db").toString()), "slack");

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("Configuration error: costwatch.channel: the cost digest is enabled but has no Slack "
                + "channel to post to.").doesNotContain("xoxb-fake");
    }
}
