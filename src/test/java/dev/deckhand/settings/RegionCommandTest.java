package dev.deckhand.settings;

import dev.deckhand.app.Deckhand;
import dev.deckhand.chat.Reply;
import dev.deckhand.store.AuditEntry;
import dev.deckhand.store.SqliteGrantStore;
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

/** {@code region [<name>]} through the router: viewers see it, deployers change it, audited with before and after. */
class RegionCommandTest {

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
        deckhand = TestDeckhand.start(temp, aws.clients, Clock.systemUTC(), new RecordingChatPort(),
                Map.of("DECKHAND_AWS_REGIONS", "us-east-1,eu-west-1,ap-northeast-2"));
        new SqliteGrantStore(deckhand.database(), Clock.systemUTC()).grant("U0DEP", "deployer", "setup");
    }

    @AfterEach
    void stop() {
        deckhand.close();
    }

    private Reply run(String user, String text) {
        return TestDeckhand.run(deckhand, user, "C0TEAM", text);
    }

    @Test
    void region_withoutAName_isShownToAViewer_andNotAudited() {
        Reply reply = run("U0VIEWER", "region");

        assertThat(reply.body()).isEqualTo("This channel works in *us-east-1*. Commands take `--region <name>` to look elsewhere.");
        assertThat(deckhand.auditLog().latest(5)).isEmpty();
    }

    @Test
    void region_setByAViewer_isRefused_namingTheRoleNeeded_andTheChannelKeepsItsRegion() {
        Reply reply = run("U0VIEWER", "region ap-northeast-2");

        assertThat(reply.header()).isEqualTo("Not allowed");
        assertThat(reply.body()).isEqualTo("Changing this channel's default region needs the deployer role; you (U0VIEWER) "
                + "are viewer. Ask an admin to run `grant U0VIEWER deployer`.");
        assertThat(deckhand.regionOf("C0TEAM")).isEqualTo("us-east-1");
        assertThat(deckhand.auditLog().latest(1)).singleElement()
                .satisfies(e -> assertThat(e.outcome()).isEqualTo(AuditEntry.Outcome.DENIED));
    }

    @Test
    void region_setByADeployer_changesIt_andTheAuditRowHoldsBeforeAndAfter() {
        Reply reply = run("U0DEP", "region ap-northeast-2");

        assertThat(reply.body()).isEqualTo("U0DEP set this channel's region to *ap-northeast-2* "
                + "(was us-east-1 (the configured default)).");
        assertThat(deckhand.regionOf("C0TEAM")).isEqualTo("ap-northeast-2");
        assertThat(deckhand.auditLog().latest(1)).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(AuditEntry.Outcome.SUCCEEDED);
            assertThat(e.resources()).containsExactly("channel:C0TEAM/region");
            assertThat(e.plan()).contains("\"effect\":\"ChangeSetting\"")
                    .contains("set this channel's default region from us-east-1 (the configured default) to ap-northeast-2");
        });

        run("U0DEP", "region eu-west-1");
        assertThat(deckhand.auditLog().latest(1).get(0).plan())
                .contains("set this channel's default region from ap-northeast-2 to eu-west-1");
    }

    @Test
    void region_withATypo_suggestsTheWatchedRegion_andChangesNothing() {
        Reply reply = run("U0DEP", "region ap-ortheast-2");

        assertThat(reply.plainText()).contains("Deckhand does not work in region 'ap-ortheast-2'. Did you mean ap-northeast-2?")
                .contains("Watched regions: us-east-1, eu-west-1, ap-northeast-2");
        assertThat(deckhand.regionOf("C0TEAM")).isEqualTo("us-east-1");
    }

    @Test
    void region_thatIsNotWatched_isRefusedWithTheList() {
        Reply reply = run("console", "region sa-east-1");

        assertThat(reply.plainText()).contains("Deckhand does not work in region 'sa-east-1'.")
                .contains("Watched regions: us-east-1, eu-west-1, ap-northeast-2");
        assertThat(deckhand.regionOf("C0TEAM")).isEqualTo("us-east-1");
    }

    @Test
    void region_alreadyInForce_isAnsweredAtOnce() {
        Reply reply = run("U0DEP", "region us-east-1");

        assertThat(reply.body()).isEqualTo("This channel already works in *us-east-1*.");
        assertThat(deckhand.auditLog().latest(5)).isEmpty();
    }

    @Test
    void region_dryRun_showsTheChangeAndWhatThePolicyWouldDo() {
        Reply reply = run("U0VIEWER", "region eu-west-1 --dry-run");

        assertThat(reply.plainText()).contains("set this channel's default region from us-east-1 (the configured default) "
                + "to eu-west-1").contains("Without --dry-run this would be refused");
        assertThat(deckhand.regionOf("C0TEAM")).isEqualTo("us-east-1");
    }
}
