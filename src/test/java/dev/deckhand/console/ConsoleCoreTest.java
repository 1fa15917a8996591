package dev.deckhand.console;

import dev.deckhand.app.Deckhand;
import dev.deckhand.testing.AwsStub;
import dev.deckhand.testing.RecordingChatPort;
import dev.deckhand.testing.TestDeckhand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Types into the console and reads what it prints: roles, grants, regions and the audit log. */
class ConsoleCoreTest {

    @TempDir
    Path temp;

    private String session(String typed) throws Exception {
        try (AwsStub aws = new AwsStub();
             Deckhand deckhand = TestDeckhand.start(temp, aws.clients, Clock.systemUTC(), new RecordingChatPort(),
                     Map.of("DECKHAND_AWS_REGIONS", "us-east-1,eu-west-2"))) {
            StringWriter out = new StringWriter();
            new Console(deckhand.router(), deckhand::regionOf, "console", "console",
                    new BufferedReader(new StringReader(typed)), new PrintWriter(out)).run();
            return out.toString();
        }
    }

    @Test
    void console_switchesIdentity_andAppliesRoles() throws Exception {
        String out = session("""
                as U777
                grant U778 admin
                as console
                grant U777 deployer
                in C9
                region eu-west-2
                as U777
                whoami
                audit 5
                exit
                """);
        assertThat(out).contains("You are now U777.")
                .contains("`grant` needs the admin role; you (U777) are viewer. Ask an admin (console) to run `grant U777 admin`.")
                .contains("console gave U777 the role deployer.\n  (posted in #console)")
                .contains("You are now in #C9 (region us-east-1).")
                .contains("console set this channel's region to *eu-west-2* (was us-east-1 (the configured default)).")
                .contains("  Role:           deployer\n")
                .contains("  Channel region: eu-west-2\n")
                .contains("succeeded  console in console: `grant U777 deployer` [us-east-1] user:U777")
                .contains("denied  U777 in console: `grant U778 admin`")
                .endsWith("Bye.\n");
    }

    @Test
    void console_badInput_neverShowsStackTrace() throws Exception {
        String out = session("ec2\nregion mars\nas\naudit lots\n\"unclosed\n");
        assertThat(out).doesNotContain("Exception").doesNotContain("\tat ")
                .contains("'mars' is not an AWS region name.")
                .contains("Usage: `as <user>`, e.g. `as U024BE7LH`")
                .contains("n must be a number from 1 to 100, not 'lots'.")
                .contains("A quote (\") is not closed.");
    }

    @Test
    void console_neutralisesAnsiEscapesAndBidiControls_inEverythingItEchoes_andTheAuditKeepsThemNeutralised() throws Exception {
        String out = session("as U\u001b[31mRED\n"
                + "help web\u001b]0;owned\u0007\u202Egpj.exe\n"
                + "audit 5\n"
                + "exit\n");

        assertThat(out).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\u202E")
                .contains("You are now U\uFFFD[31mRED.")
                .contains("web\uFFFD]0;owned\uFFFD\uFFFDgpj.exe");
    }
}
