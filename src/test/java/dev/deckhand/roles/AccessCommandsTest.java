package dev.deckhand.roles;

import dev.deckhand.app.Deckhand;
import dev.deckhand.chat.Reply;
import dev.deckhand.store.AuditEntry;
import dev.deckhand.testing.AwsStub;
import dev.deckhand.testing.RecordingChatPort;
import dev.deckhand.testing.TestDeckhand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code grant} and {@code revoke} as planned changes of a user's role: before and after in the audit row. */
class AccessCommandsTest {

    @TempDir
    Path temp;

    private static AwsStub aws;
    private Deckhand deckhand;

    @BeforeAll
    static void startAws() {
        aws = new AwsStub(1);
    }

    @AfterAll
    static void stopAws() {
        aws.close();
    }

    @BeforeEach
    void start() {
        deckhand = TestDeckhand.start(temp, aws.clients, Clock.systemUTC(), new RecordingChatPort(), Map.of());
    }

    @AfterEach
    void stop() {
        deckhand.close();
    }

    private Reply run(String user, String text) {
        return TestDeckhand.run(deckhand, user, "C0TEAM", text);
    }

    @Test
    void grant_byAnAdmin_runsAtOnce_andTheAuditRowHoldsTheRoleBeforeAndAfter() {
        Reply reply = run("console", "grant U0NEW deployer");

        assertThat(reply.body()).isEqualTo("console gave U0NEW the role deployer.");
        assertThat(deckhand.checker().effectiveRole("U0NEW", "C0TEAM").name()).isEqualTo("deployer");
        assertThat(deckhand.auditLog().latest(1)).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(AuditEntry.Outcome.SUCCEEDED);
            assertThat(e.resources()).containsExactly("user:U0NEW");
            assertThat(e.plan()).contains("set U0NEW's role from viewer to deployer");
        });
    }

    @Test
    void grant_ofTheRoleAlreadyGiven_isAnsweredAtOnce() {
        run("console", "grant U0NEW deployer");

        Reply again = run("console", "grant U0NEW deployer");

        assertThat(again.body()).isEqualTo("U0NEW already has the role deployer (given in chat).");
        assertThat(deckhand.auditLog().latest(5)).hasSize(1);
    }

    @Test
    void revoke_takesBackTheGrant_andTheAuditRowSaysWhatTheUserIsNow() {
        run("console", "grant U0NEW admin");

        Reply reply = run("console", "revoke U0NEW");

        assertThat(reply.body()).isEqualTo("console took back U0NEW's granted role; U0NEW is now viewer.");
        assertThat(deckhand.auditLog().latest(1).get(0).plan()).contains("set U0NEW's role from admin to viewer");
    }

    @Test
    void revoke_ofAUserWithoutAGrant_saysRolesInConfigAreChangedThere() {
        Reply reply = run("console", "revoke U0NEW");

        assertThat(reply.body()).isEqualTo("U0NEW has no role given in chat; roles in config/deckhand.yml are changed there.");
        assertThat(deckhand.auditLog().latest(5)).isEmpty();
    }

    @Test
    void grant_byAViewer_isNotAllowed_andNothingChanges() {
        Reply reply = run("U0VIEWER", "grant U0VIEWER admin");

        assertThat(reply.header()).isEqualTo("Not allowed");
        assertThat(deckhand.checker().effectiveRole("U0VIEWER", "C0TEAM").name()).isEqualTo("viewer");
    }

    @Test
    void grant_resolvesASlackMention_toTheUserId_andSaysWhoItWas() {
        Reply reply = run("console", "grant <@U024BE7LH|alice> deployer");

        assertThat(reply.body()).isEqualTo("console gave U024BE7LH the role deployer.");
        assertThat(deckhand.checker().effectiveRole("U024BE7LH", "C0TEAM").name()).isEqualTo("deployer");
    }

    @Test
    void grant_ofAnEmptyIdOrADisplayName_isRefused_andStoresNothing() {
        Reply empty = run("console", "grant \"\" deployer");
        assertThat(empty.header()).isEqualTo("Not understood");
        assertThat(empty.body()).startsWith("'' is not a user id.");

        Reply name = run("console", "grant @alice deployer");
        assertThat(name.body()).startsWith("'@alice' is a display name, not a user id.");
        assertThat(deckhand.checker().effectiveRole("@alice", "C0TEAM").name()).isEqualTo("viewer");
    }
}
