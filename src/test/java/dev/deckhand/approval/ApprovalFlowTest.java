package dev.deckhand.approval;

import dev.deckhand.access.Role;
import dev.deckhand.aws.FakeEc2Commands;
import dev.deckhand.chat.Button;
import dev.deckhand.chat.Reply;
import dev.deckhand.store.AuditEntry;
import dev.deckhand.testing.MutableClock;
import dev.deckhand.testing.RecordingChatPort;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.deckhand.testing.AwsStub.ec2Xml;
import static dev.deckhand.testing.AwsStub.queryAction;
import static org.assertj.core.api.Assertions.assertThat;

class ApprovalFlowTest extends ApprovalRigTest {

    @BeforeEach
    void answerTerminate() {
        aws.server.stubFor(queryAction("TerminateInstances").willReturn(
                ec2Xml("TerminateInstances", FakeEc2Commands.terminateResponseInner("i-0abc123"))));
    }

    private int terminateCalls() {
        return aws.requests("TerminateInstances").size();
    }

    private String askTerminate() {
        Reply reply = rig.run("U_DEP", "ec2 terminate i-0abc123");
        assertThat(reply.header()).isEqualTo("Needs approval");
        return ApprovalRig.requestId(reply);
    }

    @Test
    void terminate_byDeployer_needsApproval_andPostsAPinnedCard() {
        Reply reply = rig.run("U_DEP", "ec2 terminate i-0abc123");
        String id = ApprovalRig.requestId(reply);

        assertThat(reply.body()).isEqualTo("`ec2 terminate i-0abc123 --region us-east-1` needs approval (request " + id + ").\n"
                + "It will delete instance i-0abc123: deletions always need approval.");
        assertThat(reply.fields()).containsExactly(new Reply.Field("Expires", "2026-11-25 13:30 UTC"));
        assertThat(reply.context()).containsExactly("The approval card is in C0TEAM. `cancel " + id + "` withdraws the request.");
        RecordingChatPort.Sent card = rig.chat.ofKind("post").get(0);
        assertThat(card.target()).isEqualTo("C0TEAM");
        assertThat(card.reply().header()).isEqualTo("Approval needed");
        assertThat(card.reply().body()).isEqualTo("U_DEP asks to run `ec2 terminate i-0abc123 --region us-east-1`.\n"
                + "*What it will do*\nIn us-east-1 it will:\n• delete instance i-0abc123");
        assertThat(card.reply().fields()).containsExactly(
                new Reply.Field("Requested by", "U_DEP"),
                new Reply.Field("Command", "`ec2 terminate i-0abc123 --region us-east-1`"),
                new Reply.Field("Region", "us-east-1"),
                new Reply.Field("Why", "It will delete instance i-0abc123: deletions always need approval."),
                new Reply.Field("Cost change", "$0.00/month"),
                new Reply.Field("Approvals", "0 of 1"),
                new Reply.Field("Expires", "2026-11-25 13:30 UTC"),
                new Reply.Field("Request", id));
        assertThat(card.reply().buttons()).containsExactly(Button.primary("Approve", "approve " + id),
                Button.danger("Deny", "deny " + id));
        assertThat(terminateCalls()).isZero();
        assertThat(rig.audit.latest(1).get(0).outcome()).isEqualTo(AuditEntry.Outcome.REQUESTED);
    }

    @Test
    void approve_byAdmin_runsOnce_postsResultInThread_andClosesTheCard() {
        String id = askTerminate();

        Reply reply = rig.run("U_ADMIN", "approve " + id);

        assertThat(terminateCalls()).isEqualTo(1);
        assertThat(reply.header()).isEqualTo("Approved request " + id);
        assertThat(reply.body()).isEqualTo("`ec2 terminate i-0abc123 --region us-east-1` ran as U_DEP: done. "
                + "Terminated i-0abc123 in us-east-1 (now shutting-down).");
        RecordingChatPort.Sent thread = rig.chat.ofKind("thread").get(0);
        assertThat(thread.messageId()).isEqualTo("ts1");
        assertThat(thread.reply().body()).isEqualTo("Terminated i-0abc123 in us-east-1 (now shutting-down).");
        List<RecordingChatPort.Sent> updates = rig.chat.ofKind("update");
        Reply finalCard = updates.get(updates.size() - 1).reply();
        assertThat(finalCard.header()).isEqualTo("Approved: done");
        assertThat(finalCard.buttons()).isEmpty();
        assertThat(finalCard.body()).isEqualTo("`ec2 terminate i-0abc123 --region us-east-1`\n"
                + "Approved by U_ADMIN at 2026-11-25 13:00 UTC. Done: Terminated i-0abc123 in us-east-1 (now shutting-down).");
        assertThat(rig.request(id).state()).isEqualTo(ApprovalState.DONE);
        AuditEntry ran = rig.audit.latest(10).stream().filter(e -> e.userId().equals("U_DEP")
                && e.outcome() == AuditEntry.Outcome.SUCCEEDED).findFirst().orElseThrow();
        assertThat(ran.resources()).containsExactly("i-0abc123");
        assertThat(ran.detail()).isEqualTo("approved request " + id + ": Terminated i-0abc123 in us-east-1 (now shutting-down).");
    }

    @Test
    void fiftyConcurrentApprovals_runTheActionExactlyOnce() throws Exception {
        String id = askTerminate();
        List<String> admins = List.of("U_ADMIN", "U_ADMIN2", "U_ADMIN3");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Reply>> replies = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                String admin = admins.get(i % admins.size());
                replies.add(pool.submit(() -> {
                    go.await();
                    return rig.run(admin, "approve " + id);
                }));
            }
            go.countDown();
            List<Reply> results = new ArrayList<>();
            for (Future<Reply> f : replies) {
                results.add(f.get(30, TimeUnit.SECONDS));
            }
            assertThat(terminateCalls()).isEqualTo(1);
            assertThat(results).filteredOn(r -> r.header().equals("Approved request " + id)).hasSize(1);
            assertThat(results).filteredOn(r -> r.header().equals("Cannot approve")).hasSize(49)
                    .allSatisfy(r -> assertThat(r.body()).startsWith("Request " + id + " was already approved by "));
            assertThat(rig.request(id).state()).isEqualTo(ApprovalState.DONE);
            assertThat(rig.chat.ofKind("thread")).hasSize(1);
            assertThat(rig.audit.latest(100)).filteredOn(e -> e.outcome() == AuditEntry.Outcome.DENIED).hasSize(49);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void approve_bySameApproverTwice_runsOnce() {
        String id = askTerminate();
        rig.run("U_ADMIN", "approve " + id);

        Reply again = rig.run("U_ADMIN", "approve " + id);

        assertThat(again.header()).isEqualTo("Cannot approve");
        assertThat(again.body()).isEqualTo("Request " + id + " was already approved by U_ADMIN at 2026-11-25 13:00 UTC (done); "
                + "it runs only once.");
        assertThat(terminateCalls()).isEqualTo(1);
    }

    @Test
    void approve_byRequester_isRefused_andAudited() {
        Reply ask = rig.run("U_ADMIN", "ec2 terminate i-0abc123");
        String id = ApprovalRig.requestId(ask);

        Reply reply = rig.run("U_ADMIN", "approve " + id);

        assertThat(reply.header()).isEqualTo("Cannot approve");
        assertThat(reply.body()).isEqualTo("You asked for `ec2 terminate i-0abc123 --region us-east-1` (request " + id
                + "); someone else must approve it.");
        assertThat(terminateCalls()).isZero();
        assertThat(rig.request(id).state()).isEqualTo(ApprovalState.PENDING);
        AuditEntry refusal = rig.audit.latest(1).get(0);
        assertThat(refusal.outcome()).isEqualTo(AuditEntry.Outcome.DENIED);
        assertThat(refusal.command()).isEqualTo("approve " + id);
        assertThat(refusal.detail()).isEqualTo(reply.body());
    }

    @Test
    void approve_byViewer_isRefusedWithReason() {
        String id = askTerminate();

        Reply reply = rig.run("U_VIEW", "approve " + id);

        assertThat(reply.body()).isEqualTo("`approve` needs the admin role; you (U_VIEW) are viewer. Ask an admin "
                + "(U_ADMIN, U_ADMIN2, U_ADMIN3) to run `grant U_VIEW admin`.");
        assertThat(rig.run("U_DEP2", "approve " + id).header()).isEqualTo("Not allowed");
        assertThat(terminateCalls()).isZero();
        assertThat(rig.request(id).state()).isEqualTo(ApprovalState.PENDING);
        assertThat(rig.audit.latest(1).get(0).outcome()).isEqualTo(AuditEntry.Outcome.DENIED);
    }

    @Test
    void approve_afterExpiry_isRefused_andTheCardSaysExpired() {
        String id = askTerminate();
        rig.clock.advance(Duration.ofMinutes(30));

        Reply reply = rig.run("U_ADMIN", "approve " + id);

        assertThat(reply.body()).isEqualTo("Request " + id + " expired at 2026-11-25 13:30 UTC; nothing was run. "
                + "The requester can ask again: `ec2 terminate i-0abc123 --region us-east-1`.");
        assertThat(terminateCalls()).isZero();
        assertThat(rig.request(id).state()).isEqualTo(ApprovalState.EXPIRED);
        Reply card = rig.chat.ofKind("update").get(0).reply();
        assertThat(card.header()).isEqualTo("Expired");
        assertThat(card.buttons()).isEmpty();
        assertThat(rig.audit.latest(1).get(0).outcome()).isEqualTo(AuditEntry.Outcome.DENIED);
    }

    @Test
    void approve_justBeforeExpiry_runs() {
        String id = askTerminate();
        rig.clock.advance(Duration.ofMinutes(30).minusSeconds(1));

        rig.run("U_ADMIN", "approve " + id);

        assertThat(terminateCalls()).isEqualTo(1);
    }

    @Test
    void expirySweep_expiresDueRequests_once() {
        String id = askTerminate();
        rig.clock.advance(Duration.ofMinutes(29));
        assertThat(rig.approvals.expireDue()).isZero();
        rig.clock.advance(Duration.ofMinutes(1));

        assertThat(rig.approvals.expireDue()).isEqualTo(1);
        assertThat(rig.approvals.expireDue()).isZero();
        assertThat(rig.request(id).state()).isEqualTo(ApprovalState.EXPIRED);
        Reply card = rig.chat.ofKind("update").get(0).reply();
        assertThat(card.body()).isEqualTo("`ec2 terminate i-0abc123 --region us-east-1`\n"
                + "Expired at 2026-11-25 13:30 UTC with 0 of 1 approvals. Nothing was run.");
    }

    @Test
    void approve_ofDeniedRequest_isRefused() {
        String id = askTerminate();
        Reply denied = rig.run("U_ADMIN", "deny " + id + " \"use stop instead\"");
        assertThat(denied.body()).isEqualTo("You denied request " + id
                + " (`ec2 terminate i-0abc123 --region us-east-1`). Nothing was run.");

        Reply reply = rig.run("U_ADMIN2", "approve " + id);

        assertThat(reply.body()).isEqualTo("Request " + id + " was denied by U_ADMIN at 2026-11-25 13:00 UTC; "
                + "it is closed and nothing ran. The requester can ask again.");
        assertThat(terminateCalls()).isZero();
        Reply card = rig.chat.ofKind("update").get(0).reply();
        assertThat(card.header()).isEqualTo("Denied");
        assertThat(card.body()).endsWith("Denied by U_ADMIN at 2026-11-25 13:00 UTC: use stop instead.");
        assertThat(card.buttons()).isEmpty();
        assertThat(rig.chat.ofKind("thread").get(0).reply().body())
                .isEqualTo("U_DEP: Denied by U_ADMIN at 2026-11-25 13:00 UTC: use stop instead. Nothing was run.");
    }

    @Test
    void approve_ofUnknownOrTamperedId_isRefused() {
        String id = askTerminate();

        for (String bad : List.of("zzzzzzzz", id + "x", "'" + id + " ; drop'", "../../etc")) {
            Reply reply = rig.run("U_ADMIN", "approve " + bad);
            assertThat(reply.header()).isEqualTo("Cannot approve");
            assertThat(reply.body()).startsWith("There is no approval request '").endsWith("'. `approvals` lists the pending ones.");
        }
        assertThat(terminateCalls()).isZero();
        assertThat(rig.request(id).state()).isEqualTo(ApprovalState.PENDING);
        assertThat(rig.audit.latest(4)).allSatisfy(e -> assertThat(e.outcome()).isEqualTo(AuditEntry.Outcome.DENIED));
    }

    @Test
    void deny_andCancel_byTheWrongPerson_areRefused() {
        String id = askTerminate();

        assertThat(rig.run("U_DEP", "deny " + id).body()).isEqualTo("`deny` needs the admin role; you (U_DEP) are deployer. "
                + "Ask an admin (U_ADMIN, U_ADMIN2, U_ADMIN3) to run `grant U_DEP admin`.");
        assertThat(rig.run("U_ADMIN", "cancel " + id).body()).isEqualTo("Only the requester (U_DEP) can cancel request " + id
                + "; an approver can `deny " + id + " [reason]`.");
        assertThat(rig.request(id).state()).isEqualTo(ApprovalState.PENDING);
    }

    @Test
    void cancel_byRequester_closesTheCard_andApprovalIsRefused() {
        String id = askTerminate();

        assertThat(rig.run("U_DEP", "cancel " + id).body()).isEqualTo("You cancelled request " + id
                + " (`ec2 terminate i-0abc123 --region us-east-1`). Nothing was run.");
        Reply reply = rig.run("U_ADMIN", "approve " + id);

        assertThat(reply.body()).isEqualTo("Request " + id + " was cancelled by U_DEP at 2026-11-25 13:00 UTC.");
        assertThat(rig.chat.ofKind("update").get(0).reply().header()).isEqualTo("Cancelled");
        assertThat(terminateCalls()).isZero();
    }

    @Test
    void twoRequiredApprovals_needTwoDistinctApprovers() {
        rig.close();
        ApprovalSettings d = ApprovalSettings.defaults();
        rig = rig(new ApprovalSettings(d.actions(), Role.ADMIN, 2, d.ttl(), Optional.of("C0APPROVALS"),
                d.monthlyCostLimit(), d.worldOpenPorts()));
        String id = askTerminate();
        assertThat(rig.chat.ofKind("post").get(0).target()).isEqualTo("C0APPROVALS");

        Reply first = rig.run("U_ADMIN", "approve " + id);
        Reply again = rig.run("U_ADMIN", "approve " + id);

        assertThat(first.body()).isEqualTo("Your approval of request " + id + " is counted: 1 of 2. 1 more approver(s) needed.");
        assertThat(again.body()).isEqualTo("You already approved request " + id + " (1 of 2); another approver is needed.");
        assertThat(rig.chat.ofKind("update").get(0).reply().fields()).contains(new Reply.Field("Approvals", "1 of 2 (U_ADMIN)"));
        assertThat(terminateCalls()).isZero();

        rig.run("U_ADMIN2", "approve " + id);

        assertThat(terminateCalls()).isEqualTo(1);
        assertThat(rig.request(id).approvers()).containsExactly("U_ADMIN", "U_ADMIN2");
        assertThat(rig.request(id).decidedBy()).isEqualTo("U_ADMIN2");
    }

    @Test
    void cardInAnotherChannel_requesterIsToldOfADenialWhereTheyAsked() {
        rig.close();
        ApprovalSettings d = ApprovalSettings.defaults();
        rig = rig(new ApprovalSettings(d.actions(), Role.ADMIN, 1, d.ttl(), Optional.of("C0APPROVALS"),
                d.monthlyCostLimit(), d.worldOpenPorts()));
        String id = askTerminate();

        rig.run("U_ADMIN", "deny " + id + " not today");

        assertThat(rig.chat.ofKind("post")).filteredOn(p -> p.target().equals("C0TEAM")).singleElement()
                .extracting(p -> p.reply().body()).isEqualTo("U_DEP: request " + id + " (`ec2 terminate i-0abc123 "
                        + "--region us-east-1`) was denied by U_ADMIN at 2026-11-25 13:00 UTC: not today. Nothing was run.");
    }

    @Test
    void approvals_listsPendingRequests() {
        assertThat(rig.run("U_VIEW", "approvals").body()).isEqualTo("No approval requests are waiting.");
        String id = askTerminate();

        Reply list = rig.run("U_VIEW", "approvals");

        assertThat(list.header()).isEqualTo("Waiting for approval (1)");
        assertThat(list.body()).isEqualTo("`" + id + "` U_DEP: `ec2 terminate i-0abc123 --region us-east-1`, 0 of 1 approvals, "
                + "expires 2026-11-25 13:30 UTC. It will delete instance i-0abc123: deletions always need approval.");
        rig.clock.advance(Duration.ofMinutes(30));
        assertThat(rig.run("U_VIEW", "approvals").body()).isEqualTo("No approval requests are waiting.");
        assertThat(rig.request(id).state()).isEqualTo(ApprovalState.EXPIRED);
    }

    @Test
    void dryRun_ofAnApprovalAction_runsNow() {
        Reply reply = rig.run("U_DEP", "ec2 terminate i-0abc123 --dry-run");

        assertThat(reply.header()).isEqualTo("Plan: ec2 terminate i-0abc123 --dry-run (dry run)");
        assertThat(reply.body()).isEqualTo("In us-east-1 it will:\n• delete instance i-0abc123\nNothing was changed.");
        assertThat(reply.context()).containsExactly("Without --dry-run this needs approval: It will delete instance "
                + "i-0abc123: deletions always need approval.");
        assertThat(rig.chat.sent).isEmpty();
        assertThat(rig.approvals.store().inState(ApprovalState.PENDING)).isEmpty();
    }

    @Test
    void dryRun_byAViewer_showsThePlan_whyTheyCannot_andWhatADeployerWouldNeed_andChangesNothing() {
        int auditRows = rig.audit.latest(100).size();

        Reply reply = rig.run("U_VIEW", "ec2 terminate i-0abc123 --dry-run");

        assertThat(reply.header()).isEqualTo("Plan: ec2 terminate i-0abc123 --dry-run (dry run)");
        assertThat(reply.body()).isEqualTo("In us-east-1 it will:\n• delete instance i-0abc123 (i-0abc123: owner U_DEP)\n"
                + "Nothing was changed.");
        assertThat(reply.context()).containsExactly(
                "Without --dry-run you could not run this: `ec2 terminate` needs the deployer role; you (U_VIEW) are viewer. "
                        + "Ask an admin (U_ADMIN, U_ADMIN2, U_ADMIN3) to run `grant U_VIEW deployer`.",
                "A deployer would need approval: It will delete instance i-0abc123: deletions always need approval. "
                        + "The instance i-0abc123 belongs to U_DEP.");
        assertThat(terminateCalls()).isZero();
        assertThat(rig.chat.sent).isEmpty();
        assertThat(rig.approvals.store().inState(ApprovalState.PENDING)).isEmpty();
        assertThat(rig.audit.latest(100)).hasSize(auditRows);
    }

    @Test
    void withoutDryRun_aViewer_isStillRefused_byRole() {
        Reply reply = rig.run("U_VIEW", "ec2 terminate i-0abc123");

        assertThat(reply.header()).isEqualTo("Not allowed");
        assertThat(reply.body()).startsWith("`ec2 terminate` needs the deployer role; you (U_VIEW) are viewer.");
        assertThat(terminateCalls()).isZero();
        assertThat(rig.approvals.store().inState(ApprovalState.PENDING)).isEmpty();
        assertThat(rig.audit.latest(1).get(0).outcome()).isEqualTo(AuditEntry.Outcome.DENIED);
    }

    @Test
    void approvedRun_isPermissionCheckedAgain_asTheRequester() {
        String id = askTerminate();
        new dev.deckhand.store.SqliteGrantStore(rig.db, rig.clock).grant("U_DEP", "viewer", "U_ADMIN");

        Reply reply = rig.run("U_ADMIN", "approve " + id);

        assertThat(terminateCalls()).isZero();
        assertThat(rig.request(id).state()).isEqualTo(ApprovalState.FAILED);
        assertThat(reply.body()).startsWith("`ec2 terminate i-0abc123 --region us-east-1` ran as U_DEP: failed. "
                + "Not allowed: `ec2 terminate` needs the deployer role; you (U_DEP) are viewer.");
        assertThat(rig.chat.ofKind("update")).last().extracting(s -> s.reply().header()).isEqualTo("Approved: failed");
    }

    @Test
    void pinnedCommand_keepsItsRegion_whateverTheChannelSaysLater() {
        Reply reply = rig.run("U_DEP", "ec2 terminate --region eu-west-1 i-0abc123");
        String id = ApprovalRig.requestId(reply);

        rig.run("U_ADMIN", "approve " + id);

        assertThat(rig.request(id).command()).isEqualTo("ec2 terminate i-0abc123 --region eu-west-1");
        assertThat(aws.requests("TerminateInstances").get(0).getHeader("Authorization")).contains("/eu-west-1/ec2/");
    }

    @Test
    void costEstimate_aboveTheLimit_needsApproval_andShowsOnTheCard() {
        rig.close();
        rig = new ApprovalRig(temp.resolve("deckhand.db"), ApprovalSettings.defaults(), new MutableClock(START), aws);

        assertThat(rig.run("U_DEP", "ec2 launch web --type t3.micro").body()).isEqualTo("Launched web.");
        Reply reply = rig.run("U_DEP", "ec2 launch web --type t3.small");

        assertThat(reply.body()).endsWith("\nEstimated at +$150.50/month, above the $100.00/month limit.");
        assertThat(rig.chat.ofKind("post").get(0).reply().fields()).contains(new Reply.Field("Cost change", "+$150.50/month"));
        assertThat(rig.ec2.launches.get()).isEqualTo(1);
        // The request's audit row names no resource yet: the instance it would create has no id before it exists.
        AuditEntry requested = rig.audit.latest(1).get(0);
        assertThat(requested.outcome()).isEqualTo(AuditEntry.Outcome.REQUESTED);
        assertThat(requested.resources()).isEmpty();
        assertThat(requested.plan()).contains("\"id\":\"new:web\"");
    }

    @Test
    void worldOpenPorts_fromSettings_areHonoured() {
        rig.close();
        ApprovalSettings d = ApprovalSettings.defaults();
        rig = rig(new ApprovalSettings(Set.of(), Role.ADMIN, 1, d.ttl(), Optional.empty(), d.monthlyCostLimit(), Set.of(3389)));

        assertThat(rig.run("U_DEP", "sg open web 22 --from 0.0.0.0/0").body()).isEqualTo("Opened 22.");
        assertThat(rig.run("U_DEP", "sg open web 3389 --from 0.0.0.0/0").header()).isEqualTo("Needs approval");
    }

    @Test
    void help_forApproveAndDeny_namesTheRoleTheCheckerHolds() {
        // Help's "Needs role" and the router's checker both read the spec's role: it is the approver role.
        assertThat(rig.approvals.commands()).filteredOn(c -> c.name().equals("approve") || c.name().equals("deny"))
                .hasSize(2).allSatisfy(c -> assertThat(c.requiredRole()).isEqualTo(dev.deckhand.access.Role.ADMIN));
        assertThat(rig.run("U_VIEW", "deny zzzzzzzz").body()).startsWith("`deny` needs the admin role");
    }

}
