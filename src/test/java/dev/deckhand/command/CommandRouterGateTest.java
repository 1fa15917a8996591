package dev.deckhand.command;

import dev.deckhand.access.Decision;
import dev.deckhand.access.InMemoryGrants;
import dev.deckhand.access.PermissionChecker;
import dev.deckhand.access.PlanPolicy;
import dev.deckhand.plan.Plan;
import dev.deckhand.access.Policies;
import dev.deckhand.chat.CommandRequest;
import dev.deckhand.chat.Progress;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The router's approval step: after the permission check, before the handler; skipped only for approved runs. */
class CommandRouterGateTest {

    @TempDir
    Path temp;
    private Database db;
    private AuditLog audit;
    private TestCommands commands;
    private final List<Decision> seen = new ArrayList<>();

    @BeforeEach
    void setUp() {
        db = Database.open(temp.resolve("t.db"));
        audit = new AuditLog(db);
        commands = new TestCommands();
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private CommandRouter router(ApprovalGate gate) {
        return new CommandRouter(commands.registry, new PermissionChecker(Policies.standard(), new InMemoryGrants()),
                new PlanPolicy(Policies.SETTINGS), RegionGuard.SPELLING_ONLY, c -> "us-east-1", audit,
                Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC), gate);
    }

    private static CommandRequest request(String user, String text) {
        return new CommandRequest(user, "C1", text, CommandRequest.Origin.CONSOLE);
    }

    private final List<Plan> held = new ArrayList<>();
    private final ApprovalGate holdEverything = (request, pinned, plan, reasons) -> {
        held.add(plan);
        seen.add(new Decision.NeedsApproval(Policies.standard().role("deployer").orElseThrow(), reasons));
        return Reply.ephemeral("held");
    };

    private String pinOf(String user, String text) {
        List<Plan> plans = new ArrayList<>();
        router((request, pinned, plan, reasons) -> {
            plans.add(plan);
            return Reply.ephemeral("held");
        }).dispatch(request(user, text));
        return plans.get(0).pin();
    }

    @Test
    void heldCommand_neverReachesItsHandler() {
        Reply reply = router(holdEverything).dispatch(request("UDEP", "ec2 launch web-1 --type m5.large"));

        assertThat(reply.body()).isEqualTo("held");
        assertThat(commands.launches).hasValue(0);
        assertThat(seen).singleElement().isInstanceOf(Decision.NeedsApproval.class);
    }

    @Test
    void deniedCommand_neverReachesTheGate() {
        router(holdEverything).dispatch(request("UVIEW", "ec2 launch web-1"));

        assertThat(seen).isEmpty();
    }

    @Test
    void approvedRun_skipsTheGate_runsTheHandler_andAuditsTheRequestId() {
        String pin = pinOf("UDEP", "ec2 launch web-1 --type m5.large");
        seen.clear();
        CommandRouter.Execution run = router(holdEverything).dispatchApproved(request("UDEP", "ec2 launch web-1 --type m5.large"),
                "k7m2x9qa", pin, Progress.NONE);

        assertThat(run.succeeded()).isTrue();
        assertThat(commands.launches).hasValue(1);
        assertThat(seen).isEmpty();
        AuditEntry entry = audit.latest(1).get(0);
        assertThat(entry.detail()).isEqualTo("approved request k7m2x9qa: launched web-1 type=m5.large region=us-east-1");
        assertThat(entry.approvalId()).isEqualTo("k7m2x9qa");
        assertThat(entry.plan()).contains("\"effect\":\"Launch\"").contains("\"id\":\"k7m2x9qa\"");
    }

    @Test
    void approvedRun_whosePlanChanged_runsNothing_andSaysWhat() {
        String pin = pinOf("UDEP", "ec2 launch web-1 --type m5.large");

        CommandRouter.Execution run = router(holdEverything).dispatchApproved(request("UDEP", "ec2 launch web-1 --type m5.xlarge"),
                "k7m2x9qa", pin, Progress.NONE);

        assertThat(run.succeeded()).isFalse();
        assertThat(run.reply().header()).isEqualTo("Not run: changed since it was approved");
        assertThat(run.reply().body()).contains("approved: Launch: launch m5.large instance web-1")
                .contains("now: Launch: launch m5.xlarge instance web-1");
        assertThat(commands.launches).hasValue(0);
        assertThat(audit.latest(1).get(0).outcome()).isEqualTo(AuditEntry.Outcome.DENIED);
    }

    @Test
    void approvedRun_isStillPermissionChecked() {
        CommandRouter.Execution run = router(holdEverything).dispatchApproved(request("UVIEW", "ec2 launch web-1"),
                "k7m2x9qa", pinOf("UDEP", "ec2 launch web-1 --type m5.large"), Progress.NONE);

        assertThat(run.succeeded()).isFalse();
        assertThat(run.reply().header()).isEqualTo("Not allowed");
        assertThat(commands.launches).hasValue(0);
        assertThat(audit.latest(1).get(0).outcome()).isEqualTo(AuditEntry.Outcome.DENIED);
    }

    @Test
    void withoutApprovals_whatWouldNeedApproval_isRefusedWithTheReason() {
        Reply reply = router(ApprovalGate.NONE).dispatch(request("UDEP", "ec2 launch web-1 --disk 100"));

        assertThat(reply.header()).isEqualTo("Not allowed");
        assertThat(reply.body()).isEqualTo("A 100 GB disk is above role deployer's 30 GB limit. Approvals are off here; ask an admin.");
        assertThat(commands.launches).hasValue(0);
    }

    @Test
    void failingGate_answersWithARef_andRunsNothing() {
        Reply reply = router((r, pinned, plan, reasons) -> {
            throw new IllegalStateException("database is locked");
        }).dispatch(request("UDEP", "ec2 launch web-1 --type m5.large"));

        assertThat(reply.header()).isEqualTo("Something went wrong");
        assertThat(reply.body()).matches("`ec2 launch` could not be sent for approval \\(ref [0-9a-f]{8}\\); nothing was run\\. "
                + "The details are in Deckhand's log\\.").doesNotContain("database is locked");
        assertThat(commands.launches).hasValue(0);
    }
}
