package dev.deckhand.approval;

import dev.deckhand.app.Deckhand;
import dev.deckhand.aws.FakeEc2Commands;
import dev.deckhand.chat.Reply;
import dev.deckhand.store.AuditEntry;
import dev.deckhand.store.SqliteGrantStore;
import dev.deckhand.testing.AwsStub;
import dev.deckhand.testing.Ec2Xml;
import dev.deckhand.testing.MutableClock;
import dev.deckhand.testing.RecordingChatPort;
import dev.deckhand.testing.TestDeckhand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static dev.deckhand.testing.AwsStub.ec2Xml;
import static dev.deckhand.testing.AwsStub.queryAction;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole Deckhand on the shipped config (closed and reopened on the same SQLite file for restarts).
 * The actions held for approval are set per test ({@code grant}, or a test-only terminate under its own
 * name) so these tests need no other feature's commands and keep working when those are registered.
 */
class ApprovalInDeckhandTest {

    private static final Map<String, String> GRANT_NEEDS_APPROVAL = Map.of("DECKHAND_APPROVALS_ACTIONS", "grant");

    @TempDir
    Path temp;

    @Test
    void restart_keepsPendingRequests_andMarksRunningOnesInterrupted_withoutRerunning() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T13:00:00Z"));
        RecordingChatPort chatBefore = new RecordingChatPort();
        String pending;
        String running;
        String finished;
        String approvedOnly;
        try (AwsStub aws = new AwsStub()) {
            try (Deckhand deckhand = TestDeckhand.start(temp, aws.clients, clock, chatBefore, GRANT_NEEDS_APPROVAL)) {
                new SqliteGrantStore(deckhand.database(), clock).grant("U_BOSS", "admin", "setup");
                pending = ApprovalRig.requestId(TestDeckhand.run(deckhand, "console", "console", "grant U_NEW deployer"));
                running = ApprovalRig.requestId(TestDeckhand.run(deckhand, "console", "console", "grant U_OTHER deployer"));
                // What a process killed in the middle of running an approved request leaves behind.
                ApprovalStore store = deckhand.approvals().store();
                assertThat(store.vote(running, "U_BOSS", clock.instant(), 1)).isInstanceOf(ApprovalStore.Vote.Reached.class);
                assertThat(store.transition(running, ApprovalState.APPROVED, ApprovalState.RUNNING, null, clock.instant(), null)).isTrue();
                // ... one whose action finished (the router audited it) just before its state was saved ...
                finished = ApprovalRig.requestId(TestDeckhand.run(deckhand, "console", "console", "grant U_THIRD deployer"));
                store.vote(finished, "U_BOSS", clock.instant(), 1);
                store.transition(finished, ApprovalState.APPROVED, ApprovalState.RUNNING, null, clock.instant(), null);
                deckhand.auditLog().record(new AuditEntry(clock.instant(), "console", "console", "grant U_THIRD deployer",
                        "us-east-1", java.util.List.of("user:U_THIRD"), AuditEntry.Outcome.SUCCEEDED,
                        "approved request " + finished + ": console gave U_THIRD the role deployer."));
                // ... and one approved but not yet started.
                approvedOnly = ApprovalRig.requestId(TestDeckhand.run(deckhand, "console", "console", "grant U_FOURTH deployer"));
                store.vote(approvedOnly, "U_BOSS", clock.instant(), 1);
            }
            clock.advance(Duration.ofMinutes(5));
            RecordingChatPort chatAfter = new RecordingChatPort();
            try (Deckhand deckhand = TestDeckhand.start(temp, aws.clients, clock, chatAfter, GRANT_NEEDS_APPROVAL)) {
                ApprovalStore store = deckhand.approvals().store();
                ApprovalRequest kept = store.find(pending).orElseThrow();
                assertThat(kept.state()).isEqualTo(ApprovalState.PENDING);
                assertThat(kept.expiresAt()).isEqualTo(Instant.parse("2026-11-25T13:30:00Z"));
                assertThat(kept.command()).isEqualTo("grant U_NEW deployer");
                ApprovalRequest interrupted = store.find(running).orElseThrow();
                assertThat(interrupted.state()).isEqualTo(ApprovalState.INTERRUPTED);
                assertThat(interrupted.note()).isEqualTo("Deckhand stopped while `grant U_OTHER deployer` was running "
                        + "(started after approval by U_BOSS): it may or may not have finished. Check us-east-1 (and `audit`) "
                        + "before asking again; it is not re-run.");
                assertThat(store.find(finished).orElseThrow().note()).isEqualTo("Deckhand stopped just after "
                        + "`grant U_THIRD deployer` finished; the audit log has its outcome: succeeded, console gave U_THIRD "
                        + "the role deployer. (user:U_THIRD). It is not re-run.");
                assertThat(store.find(approvedOnly).orElseThrow().state()).isEqualTo(ApprovalState.INTERRUPTED);
                assertThat(store.find(approvedOnly).orElseThrow().note()).isEqualTo("Deckhand stopped after the approval "
                        + "and before `grant U_FOURTH deployer` started: nothing was run. Ask again to run it.");
                assertThat(chatAfter.ofKind("update")).hasSize(3);
                Reply card = chatAfter.ofKind("update").stream().filter(u -> u.messageId().equals(
                        store.find(running).orElseThrow().card().orElseThrow().messageId())).findFirst().orElseThrow().reply();
                assertThat(card.header()).isEqualTo("Interrupted");
                assertThat(card.buttons()).isEmpty();
                assertThat(chatAfter.ofKind("thread")).anySatisfy(t -> assertThat(t.reply().body())
                        .startsWith("console: request " + running + " was interrupted. Deckhand stopped while"));
                assertThat(deckhand.auditLog().latest(3)).allSatisfy(e -> assertThat(e.outcome()).isEqualTo(AuditEntry.Outcome.FAILED));

                Reply list = TestDeckhand.run(deckhand, "U_BOSS", "console", "approvals");
                assertThat(list.header()).isEqualTo("Waiting for approval (1)");
                assertThat(list.body()).startsWith("`" + pending + "` console: `grant U_NEW deployer`");
                assertThat(TestDeckhand.run(deckhand, "U_BOSS", "console", "approve " + running).body())
                        .isEqualTo("Request " + running + " was already approved by U_BOSS at 2026-11-25 13:00 UTC "
                                + "(interrupted); it runs only once.");

                Reply approved = TestDeckhand.run(deckhand, "U_BOSS", "console", "approve " + pending);

                assertThat(approved.header()).isEqualTo("Approved request " + pending);
                SqliteGrantStore grants = new SqliteGrantStore(deckhand.database(), clock);
                assertThat(grants.roleOf("U_NEW")).contains("deployer");
                assertThat(grants.roleOf("U_OTHER")).isEmpty();
                assertThat(grants.roleOf("U_FOURTH")).isEmpty();
            }
            try (Deckhand deckhand = TestDeckhand.start(temp, aws.clients, clock, new RecordingChatPort(), GRANT_NEEDS_APPROVAL)) {
                assertThat(deckhand.approvals().store().find(pending).orElseThrow().state()).isEqualTo(ApprovalState.DONE);
            }
        }
    }

    @Test
    void shippedConfig_sendsConsoleCardsToTheAskersChannel_andApprovesFromTheConsole() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T13:00:00Z"));
        RecordingChatPort chat = new RecordingChatPort();
        try (AwsStub aws = new AwsStub();
             Deckhand deckhand = TestDeckhand.start(temp, aws.clients, clock, chat, GRANT_NEEDS_APPROVAL)) {
            new SqliteGrantStore(deckhand.database(), clock).grant("U_BOSS", "admin", "setup");
            Reply asked = TestDeckhand.run(deckhand, "console", "console", "grant U_NEW deployer");
            String id = ApprovalRig.requestId(asked);

            assertThat(chat.ofKind("post").get(0).target()).isEqualTo("console");
            assertThat(TestDeckhand.run(deckhand, "console", "console", "approve " + id).header()).isEqualTo("Cannot approve");
            TestDeckhand.run(deckhand, "U_BOSS", "console", "approve " + id);
            assertThat(TestDeckhand.run(deckhand, "U_NEW", "console", "whoami").fields().get(0).value()).isEqualTo("deployer");
        }
    }

    @Test
    void deployerAsksToTerminate_adminApproves_terminateRunsOnce_andCardAndThreadShowTheOutcome() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T13:00:00Z"));
        RecordingChatPort chat = new RecordingChatPort();
        try (AwsStub aws = new AwsStub();
             Deckhand deckhand = TestDeckhand.start(temp, aws.clients, clock, chat,
                     // No approvals.actions entry: the fake command is registered after start, which checks the
                     // listed names against the registry; its plan deletes, and deletions are held anyway.
                     Map.of("DECKHAND_APPROVALS_CHANNEL", "C0APPROVALS",
                             // The approved run names its region; the watched ones are configured, not asked of AWS.
                             "DECKHAND_AWS_REGIONS", "us-east-1"))) {
            aws.server.stubFor(queryAction("TerminateInstances").willReturn(
                    ec2Xml("TerminateInstances", FakeEc2Commands.terminateResponseInner("i-0abc123"))));
            deckhand.registry().register(new FakeEc2Commands(aws.clients).terminate("fake-ec2 terminate"));
            SqliteGrantStore grants = new SqliteGrantStore(deckhand.database(), clock);
            grants.grant("U_DEP", "deployer", "setup");
            grants.grant("U_BOSS", "admin", "setup");

            String id = ApprovalRig.requestId(TestDeckhand.run(deckhand, "U_DEP", "C0DEV", "fake-ec2 terminate i-0abc123"));
            assertThat(chat.ofKind("post").get(0).target()).isEqualTo("C0APPROVALS");
            assertThat(aws.requests("TerminateInstances")).isEmpty();

            TestDeckhand.run(deckhand, "U_BOSS", "C0APPROVALS", "approve " + id);
            TestDeckhand.run(deckhand, "U_BOSS", "C0APPROVALS", "approve " + id);

            assertThat(aws.requests("TerminateInstances")).hasSize(1);
            RecordingChatPort.Sent thread = chat.ofKind("thread").get(0);
            assertThat(thread.target()).isEqualTo("C0APPROVALS");
            assertThat(thread.reply().body()).isEqualTo("Terminated i-0abc123 in us-east-1 (now shutting-down).");
            Reply card = chat.ofKind("update").get(chat.ofKind("update").size() - 1).reply();
            assertThat(card.header()).isEqualTo("Approved: done");
            assertThat(card.buttons()).isEmpty();
            assertThat(card.body()).endsWith("Approved by U_BOSS at 2026-11-25 13:00 UTC. Done: Terminated i-0abc123 in "
                    + "us-east-1 (now shutting-down).");
            assertThat(chat.ofKind("post")).filteredOn(p -> p.target().equals("C0DEV")).singleElement()
                    .extracting(p -> p.reply().body()).isEqualTo("U_DEP: request " + id + " (`fake-ec2 terminate i-0abc123 "
                            + "--region us-east-1`) was approved by U_BOSS at 2026-11-25 13:00 UTC. Done: Terminated i-0abc123 "
                            + "in us-east-1 (now shutting-down).");
            assertThat(deckhand.auditLog().latest(10)).anySatisfy(e -> {
                assertThat(e.userId()).isEqualTo("U_DEP");
                assertThat(e.channelId()).isEqualTo("C0DEV");
                assertThat(e.outcome()).isEqualTo(AuditEntry.Outcome.SUCCEEDED);
                assertThat(e.resources()).containsExactly("i-0abc123");
            });
        }
    }

    @Test
    void launch_aboveTheMonthlyCostLimit_needsApproval_evenForAnAdmin_andTheCardShowsTheCost() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T13:00:00Z"));
        RecordingChatPort chat = new RecordingChatPort();
        try (AwsStub aws = new AwsStub();
             Deckhand deckhand = TestDeckhand.start(temp, aws.clients, clock, chat, Map.of())) {
            // What the card's plan (the launch's dry run) reads.
            String ami = "ami-0fa3fe0fa7920f68e";
            aws.server.stubFor(queryAction("DescribeInstances").willReturn(ec2Xml("DescribeInstances", Ec2Xml.reservations())));
            aws.server.stubFor(AwsStub.jsonTarget("AmazonSSM.GetParameter").willReturn(AwsStub.json(Ec2Xml.ssmParameter(
                    "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64", ami))));
            aws.server.stubFor(queryAction("DescribeImages").willReturn(ec2Xml("DescribeImages",
                    Ec2Xml.image(ami, "al2023-ami-2023.9.20251117.1-kernel-6.1-x86_64", "/dev/xvda"))));
            aws.server.stubFor(queryAction("DescribeSecurityGroups").willReturn(ec2Xml("DescribeSecurityGroups",
                    Ec2Xml.noSecurityGroups())));
            Reply reply = TestDeckhand.run(deckhand, "console", "console", "ec2 launch big-1 --type m5.xlarge");

            assertThat(reply.header()).as(reply.plainText()).isEqualTo("Needs approval");
            assertThat(reply.body()).endsWith("\nEstimated at +$144.45/month, above the $100.00/month limit.");
            assertThat(chat.ofKind("post").get(0).reply().fields())
                    .contains(new Reply.Field("Cost change", "+$144.45/month"));
            assertThat(chat.ofKind("post").get(0).reply().body()).contains("• launch m5.xlarge instance big-1 with a 8 GB disk");
            assertThat(aws.requests("RunInstances")).isEmpty();
            assertThat(aws.requests("CreateSecurityGroup")).isEmpty();
        }
    }
}
