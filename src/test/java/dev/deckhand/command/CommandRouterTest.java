package dev.deckhand.command;

import dev.deckhand.access.InMemoryGrants;
import dev.deckhand.access.PermissionChecker;
import dev.deckhand.access.PlanPolicy;
import dev.deckhand.access.Policies;
import dev.deckhand.chat.CommandRequest;
import dev.deckhand.chat.Reply;
import dev.deckhand.store.AuditEntry;
import dev.deckhand.store.AuditLog;
import dev.deckhand.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class CommandRouterTest {

    @TempDir
    Path temp;
    private Database db;
    private AuditLog audit;
    private TestCommands commands;
    private CommandRouter router;

    @BeforeEach
    void setUp() {
        db = Database.open(temp.resolve("t.db"));
        audit = new AuditLog(db);
        commands = new TestCommands();
        router = new CommandRouter(commands.registry, new PermissionChecker(Policies.standard(), new InMemoryGrants()),
                new PlanPolicy(Policies.SETTINGS), RegionGuard.SPELLING_ONLY,
                channel -> channel.equals("CSEOUL") ? "ap-northeast-2" : "us-east-1", audit,
                Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC), ApprovalGate.NONE);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private Reply run(String user, String channel, String text) {
        return router.dispatch(new CommandRequest(user, channel, text, CommandRequest.Origin.CONSOLE));
    }

    @Test
    void dispatch_whenAllowed_runsHandlerWithChannelRegion_andAudits() {
        Reply reply = run("UDEP", "C1", "ec2 launch web-1 --type t3.small");
        assertThat(reply.body()).isEqualTo("launched web-1 type=t3.small region=us-east-1");
        assertThat(reply.isInChannel()).isTrue();
        AuditEntry entry = audit.latest(5).get(0);
        assertThat(entry).usingRecursiveComparison().ignoringFields("plan").isEqualTo(new AuditEntry(
                Instant.parse("2026-11-25T10:00:00Z"), "UDEP", "C1", "ec2 launch web-1 --type t3.small", "us-east-1",
                java.util.List.of("i-0abc"), AuditEntry.Outcome.SUCCEEDED, "launched web-1 type=t3.small region=us-east-1"));
        assertThat(entry.plan()).contains("\"describe\":\"launch t3.small instance web-1 with a 8 GB disk\"");
        assertThat(audit.latest(5)).hasSize(1);
    }

    @Test
    void dispatch_regionFlag_overridesChannelRegion() {
        assertThat(run("UADMIN", "CSEOUL", "ec2 launch web-1").body()).endsWith("region=ap-northeast-2");
        assertThat(run("UDEP", "CSEOUL", "ec2 launch web-1 --region eu-west-1").body()).endsWith("region=eu-west-1");
    }

    @Test
    void dispatch_whenRegionMalformed_explainsWithUsage() {
        Reply reply = run("UDEP", "C1", "ec2 launch web-1 --region mars");
        assertThat(reply.plainText()).isEqualTo("""
                == Not understood ==
                'mars' is not an AWS region name.
                Regions look like us-east-1, eu-west-2 or ap-northeast-2.
                  Usage:   `ec2 launch <name> [--type t] [--disk gb] [--dry-run]`
                  Example: `ec2 launch web-1 --type t3.micro`""");
        assertThat(commands.launches).hasValue(0);
    }

    @Test
    void dispatch_whenDenied_neverRunsHandler_andAuditsDenial() {
        Reply reply = run("UVIEW", "C1", "ec2 launch web-1");
        assertThat(reply.header()).isEqualTo("Not allowed");
        assertThat(commands.launches).hasValue(0);
        assertThat(audit.latest(1).get(0).outcome()).isEqualTo(AuditEntry.Outcome.DENIED);
    }

    @Test
    void dispatch_whenTypo_answersWithSuggestion() {
        assertThat(run("UDEP", "C1", "ec2 lunch web-1").plainText()).isEqualTo("""
                == Not understood ==
                `ec2 lunch` is not a command. `ec2` takes: launch, list, terminate.
                Did you mean `ec2 launch`?
                  > Type `help` for every command.""");
    }

    @Test
    void dispatch_whenHandlerReportsProblem_showsItAndAuditsFailure() {
        Reply reply = run("UADMIN", "C1", "ec2 terminate web-9");
        assertThat(reply.plainText()).isEqualTo("== Could not ec2 terminate ==\nInstance web-9 was not found in us-east-1.");
        assertThat(audit.latest(1).get(0).outcome()).isEqualTo(AuditEntry.Outcome.FAILED);
    }

    @Test
    void dispatch_whenHandlerCrashes_hidesInternals() {
        Reply reply = run("UVIEW", "C1", "boom");
        assertThat(reply.header()).isEqualTo("Something went wrong");
        assertThat(reply.plainText()).doesNotContain("secret internals").doesNotContain("Exception").contains("ref ");
    }

    @Test
    void dispatch_readOnlyCommand_isNotAudited() {
        run("UVIEW", "C1", "ec2 list");
        assertThat(audit.latest(10)).isEmpty();
    }
}
