package dev.deckhand.approval;

import dev.deckhand.aws.FakeEc2Commands;
import dev.deckhand.store.AuditEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static dev.deckhand.testing.AwsStub.ec2Xml;
import static dev.deckhand.testing.AwsStub.queryAction;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every decision on a request is in the audit log with who, where and why; the thread says it too.
 *
 * <p>A surviving mutant explained: in {@code approve}, the refusal when {@code executor.run} finds the request
 * already claimed has no test. This caller's vote just moved the request to approved in one transaction,
 * and only a replica whose claimant is dead may take it from there, so the branch is a guard for a crash
 * between the two steps, not a path a test in one process can reach.
 */
class ApprovalDecisionAuditTest extends ApprovalRigTest {

    private static final String COMMAND = "ec2 terminate i-0abc123 --region us-east-1";

    @BeforeEach
    void answerTerminate() {
        aws.server.stubFor(queryAction("TerminateInstances").willReturn(
                ec2Xml("TerminateInstances", FakeEc2Commands.terminateResponseInner("i-0abc123"))));
    }

    private String askTerminate() {
        return ApprovalRig.requestId(rig.run("U_DEP", "ec2 terminate i-0abc123"));
    }

    private AuditEntry latestAudit() {
        return rig.audit.latest(1).get(0);
    }

    @Test
    void deny_withAReason_isAudited_andToldInTheThread() {
        String id = askTerminate();

        rig.run("U_ADMIN", "deny " + id + " not today");

        AuditEntry entry = latestAudit();
        assertThat(entry.userId()).isEqualTo("U_ADMIN");
        assertThat(entry.command()).isEqualTo("deny " + id + " not today");
        assertThat(entry.region()).isEqualTo("us-east-1");
        assertThat(entry.resources()).containsExactly("approval:" + id);
        assertThat(entry.outcome()).isEqualTo(AuditEntry.Outcome.SUCCEEDED);
        assertThat(entry.detail()).isEqualTo("denied `" + COMMAND + "` of U_DEP: not today");
        assertThat(rig.chat.ofKind("thread")).singleElement().extracting(s -> s.reply().body())
                .isEqualTo("U_DEP: Denied by U_ADMIN at 2026-11-25 13:00 UTC: not today. Nothing was run.");
        assertThat(rig.chat.ofKind("update").get(0).reply().body())
                .isEqualTo("`" + COMMAND + "`\nDenied by U_ADMIN at 2026-11-25 13:00 UTC: not today.");
    }

    @Test
    void deny_withoutAReason_isAuditedWithoutOne() {
        String id = askTerminate();

        assertThat(rig.run("U_ADMIN", "deny " + id).body())
                .isEqualTo("You denied request " + id + " (`" + COMMAND + "`). Nothing was run.");

        assertThat(latestAudit().detail()).isEqualTo("denied `" + COMMAND + "` of U_DEP");
        assertThat(rig.chat.ofKind("update").get(0).reply().body())
                .isEqualTo("`" + COMMAND + "`\nDenied by U_ADMIN at 2026-11-25 13:00 UTC.");
    }

    @Test
    void cancel_isAudited_andClosesTheCardSayingWho() {
        String id = askTerminate();

        rig.run("U_DEP", "cancel " + id);

        assertThat(latestAudit().detail()).isEqualTo("cancelled `" + COMMAND + "`");
        assertThat(latestAudit().outcome()).isEqualTo(AuditEntry.Outcome.SUCCEEDED);
        assertThat(rig.chat.ofKind("update").get(0).reply().body())
                .isEqualTo("`" + COMMAND + "`\nCancelled by U_DEP at 2026-11-25 13:00 UTC. Nothing was run.");
    }

    @Test
    void approve_isAuditedBeforeItRuns_asTheApprover() {
        String id = askTerminate();

        rig.run("U_ADMIN", "approve " + id);

        assertThat(rig.audit.latest(10)).anySatisfy(e -> {
            assertThat(e.userId()).isEqualTo("U_ADMIN");
            assertThat(e.outcome()).isEqualTo(AuditEntry.Outcome.SUCCEEDED);
            assertThat(e.resources()).containsExactly("approval:" + id);
            assertThat(e.detail()).isEqualTo("approved; running `" + COMMAND + "` as U_DEP");
        });
    }

    @Test
    void refusals_areAuditedAsDenied_withTheReason() {
        String id = askTerminate();

        rig.run("U_DEP", "approve " + id);

        AuditEntry entry = latestAudit();
        assertThat(entry.outcome()).isEqualTo(AuditEntry.Outcome.DENIED);
        // A deployer may not approve at all: the router's role check (the same one help shows) refuses it.
        assertThat(entry.detail()).isEqualTo("`approve` needs the admin role; you (U_DEP) are deployer. Ask an admin "
                + "(U_ADMIN, U_ADMIN2, U_ADMIN3) to run `grant U_DEP admin`.");

        rig.run("U_ADMIN", "approve zzzzzzzz");

        assertThat(latestAudit().outcome()).isEqualTo(AuditEntry.Outcome.DENIED);
        assertThat(latestAudit().detail())
                .isEqualTo("There is no approval request 'zzzzzzzz'. `approvals` lists the pending ones.");
        assertThat(latestAudit().resources()).isEmpty();
    }

    @Test
    void approve_ofAnExpiredRequest_expiresIt_andSaysWhen() {
        String id = askTerminate();
        rig.clock.advance(Duration.ofMinutes(30));

        assertThat(rig.run("U_ADMIN", "approve " + id).body()).isEqualTo("Request " + id
                + " expired at 2026-11-25 13:30 UTC; nothing was run. The requester can ask again: `" + COMMAND + "`.");
        assertThat(rig.request(id).state()).isEqualTo(ApprovalState.EXPIRED);
        assertThat(rig.chat.ofKind("update").get(0).reply().header()).isEqualTo("Expired");
    }

    @Test
    void startExpirySweep_expiresDueRequestsOnItsOwn() throws InterruptedException {
        String id = askTerminate();
        rig.clock.advance(Duration.ofMinutes(31));

        rig.approvals.startExpirySweep(1);
        rig.approvals.startExpirySweep(1);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (rig.request(id).state() == ApprovalState.PENDING && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }

        assertThat(rig.request(id).state()).isEqualTo(ApprovalState.EXPIRED);
        assertThat(List.of(rig.chat.ofKind("update").get(0).reply().header())).containsExactly("Expired");
    }

    @Test
    void request_isAuditedWithItsResourcesAndPlan_andPinnedInTheStore() {
        String id = askTerminate();

        AuditEntry entry = latestAudit();
        assertThat(entry.outcome()).isEqualTo(AuditEntry.Outcome.REQUESTED);
        assertThat(entry.userId()).isEqualTo("U_DEP");
        assertThat(entry.command()).isEqualTo(COMMAND);
        assertThat(entry.region()).isEqualTo("us-east-1");
        assertThat(entry.resources()).containsExactly("i-0abc123");
        assertThat(entry.approvalId()).isEqualTo(id);
        assertThat(entry.detail()).isEqualTo("needs approval (request " + id
                + "): It will delete instance i-0abc123: deletions always need approval.");
        assertThat(entry.plan()).contains("\"effect\":\"Delete\"");
        assertThat(rig.approvals.store().planPin(id)).hasValueSatisfying(pin -> assertThat(pin).startsWith("us-east-1\nDelete: "));
        assertThat(rig.request(id).card()).isPresent();
    }

    @Test
    void approve_countedButNotEnough_isAuditedWithTheCount() {
        rig.close();
        ApprovalSettings d = ApprovalSettings.defaults();
        rig = rig(new ApprovalSettings(d.actions(), d.approverRole(), 2, d.ttl(), Optional.of("C0APPROVALS"),
                d.monthlyCostLimit(), d.worldOpenPorts()));
        String id = askTerminate();

        rig.run("U_ADMIN", "approve " + id);

        assertThat(latestAudit().detail()).isEqualTo("approval 1 of 2");
        assertThat(latestAudit().outcome()).isEqualTo(AuditEntry.Outcome.SUCCEEDED);
    }

    @Test
    void approve_afterExpiry_withTheCardElsewhere_tellsTheRequesterWhereTheyAsked() {
        rig.close();
        ApprovalSettings d = ApprovalSettings.defaults();
        rig = rig(new ApprovalSettings(d.actions(), d.approverRole(), 1, d.ttl(), Optional.of("C0APPROVALS"),
                d.monthlyCostLimit(), d.worldOpenPorts()));
        String id = askTerminate();
        rig.clock.advance(Duration.ofMinutes(30));

        rig.run("U_ADMIN", "approve " + id);

        assertThat(rig.chat.ofKind("post")).filteredOn(p -> p.target().equals(ApprovalRig.CHANNEL)).singleElement()
                .extracting(p -> p.reply().body()).isEqualTo("U_DEP: request " + id + " (`" + COMMAND
                        + "`) expired at 2026-11-25 13:30 UTC with 0 of 1 approvals. Nothing was run.");
    }

    @Test
    void denyAndCancel_ofAnUnknownOrExpiredRequest_areRefused() {
        String id = askTerminate();

        assertThat(rig.run("U_ADMIN", "deny zzzzzzzz").header()).isEqualTo("Cannot deny");
        assertThat(rig.run("U_DEP", "cancel zzzzzzzz").header()).isEqualTo("Cannot cancel");
        rig.clock.advance(Duration.ofMinutes(30));
        assertThat(rig.run("U_ADMIN", "deny " + id).body()).startsWith("Request " + id + " expired at 2026-11-25 13:30 UTC");
        assertThat(rig.run("U_DEP", "cancel " + id).body()).startsWith("Request " + id + " expired at 2026-11-25 13:30 UTC");
        assertThat(rig.run("U_DEP", "cancel " + id).header()).isEqualTo("Cannot cancel");
    }

    @Test
    void unknownId_isShownUpToFortyCharacters() {
        String forty = "x".repeat(40);

        assertThat(rig.run("U_ADMIN", "approve " + forty).body())
                .isEqualTo("There is no approval request '" + forty + "'. `approvals` lists the pending ones.");
        assertThat(rig.run("U_ADMIN", "approve " + forty + "y").body())
                .isEqualTo("There is no approval request '" + forty + "...'. `approvals` lists the pending ones.");
    }
}
