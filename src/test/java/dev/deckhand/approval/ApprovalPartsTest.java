package dev.deckhand.approval;

import dev.deckhand.access.Role;
import dev.deckhand.app.config.ApprovalsConfig;
import dev.deckhand.chat.Button;
import dev.deckhand.chat.ChatPort.MessageRef;
import dev.deckhand.chat.Reply;
import dev.deckhand.command.PlanReplies;
import dev.deckhand.testing.RecordingChatPort;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The approval feature's small parts on their own: the card, the settings, the states and the notices. */
class ApprovalPartsTest {

    private static final Instant NOW = Instant.parse("2026-11-25T13:00:00Z");
    private static final ApprovalSettings SETTINGS = ApprovalSettings.defaults();

    private static ApprovalRequest request(Optional<BigDecimal> cost, List<String> approvers, Optional<MessageRef> card) {
        return new ApprovalRequest("abcd1234", "U_DEP", "C1", "ec2 terminate web-1 --region us-east-1", "us-east-1",
                "deletions always need approval", cost, ApprovalState.PENDING, NOW, NOW.plusSeconds(1800), card,
                approvers, null, Optional.empty(), null);
    }

    @Test
    void openCard_showsTheRequestFields_andButtonsCarryingOnlyTheId() {
        Reply card = ApprovalCards.open(request(Optional.of(new BigDecimal("-7.589")), List.of(), Optional.empty()), SETTINGS);

        assertThat(card.header()).isEqualTo("Approval needed");
        assertThat(card.body()).isEqualTo("U_DEP asks to run `ec2 terminate web-1 --region us-east-1`.");
        assertThat(card.fields()).containsExactly(
                new Reply.Field("Requested by", "U_DEP"),
                new Reply.Field("Command", "`ec2 terminate web-1 --region us-east-1`"),
                new Reply.Field("Region", "us-east-1"),
                new Reply.Field("Why", "deletions always need approval"),
                new Reply.Field("Cost change", "-$7.59/month"),
                new Reply.Field("Approvals", "0 of 1"),
                new Reply.Field("Expires", "2026-11-25 13:30 UTC"),
                new Reply.Field("Request", "abcd1234"));
        assertThat(card.buttons()).containsExactly(Button.primary("Approve", "approve abcd1234"),
                Button.danger("Deny", "deny abcd1234"));
        assertThat(card.context()).containsExactly("Only admin or higher may approve, never the requester. "
                + "Or type `approve abcd1234` / `deny abcd1234 [reason]`.");
    }

    @Test
    void openCard_withAPlan_dropsFieldsItRepeats_marksClashes_andKeepsTheRest() {
        Reply plan = Reply.builder().body("terminate instance web-1")
                .field("Region", "us-east-1")
                .field(PlanReplies.COST, "-$7.59/month")
                .field("Expires", "2026-12-01 00:00 UTC")
                .field("AMI", "ami-1")
                .build();

        Reply card = ApprovalCards.open(request(Optional.of(new BigDecimal("-7.59")), List.of("U_A"), Optional.empty()),
                SETTINGS, Optional.of(plan));

        assertThat(card.body()).isEqualTo("U_DEP asks to run `ec2 terminate web-1 --region us-east-1`.\n"
                + "*What it will do*\nterminate instance web-1");
        assertThat(card.fields()).extracting(Reply.Field::label).containsExactly("Requested by", "Command", "Region", "Why",
                "Cost change", "Approvals", "Expires", "Request", "Expires (plan)", "AMI");
        assertThat(card.fields()).contains(new Reply.Field("Approvals", "1 of 1 (U_A)"),
                new Reply.Field("Expires (plan)", "2026-12-01 00:00 UTC"));
    }

    @Test
    void openCard_withoutItsOwnCost_keepsThePlansCost() {
        Reply plan = Reply.builder().body("b").field(PlanReplies.COST, "unknown (price unknown)").build();

        Reply card = ApprovalCards.open(request(Optional.empty(), List.of(), Optional.empty()), SETTINGS, Optional.of(plan));

        assertThat(card.fields()).filteredOn(f -> f.label().startsWith("Cost"))
                .containsExactly(new Reply.Field(PlanReplies.COST, "unknown (price unknown)"));
    }

    @Test
    void closedCard_hasNoButtons_andSaysWhoDecided() {
        Reply card = ApprovalCards.closed(request(Optional.empty(), List.of(), Optional.empty()), SETTINGS, "Denied",
                "Denied by U_ADMIN");

        assertThat(card.header()).isEqualTo("Denied");
        assertThat(card.body()).isEqualTo("`ec2 terminate web-1 --region us-east-1`\nDenied by U_ADMIN");
        assertThat(card.buttons()).isEmpty();
    }

    @Test
    void money_isSignedAndRounded() {
        assertThat(ApprovalCards.signed(new BigDecimal("1.005"))).isEqualTo("+$1.01");
        assertThat(ApprovalCards.signed(new BigDecimal("-2"))).isEqualTo("-$2.00");
        assertThat(ApprovalCards.signed(BigDecimal.ZERO)).isEqualTo("$0.00");
    }

    @Test
    void settingsFrom_whenSectionMissing_areTheDefaults() {
        assertThat(ApprovalSettings.from(null)).isEqualTo(ApprovalSettings.defaults());
        assertThat(ApprovalSettings.defaults().actions()).isEqualTo(ApprovalSettings.DEFAULT_ACTIONS);
    }

    @Test
    void settingsFrom_readsEveryField_andTreatsNullListsAndBlankChannelAsNone() {
        ApprovalSettings full = ApprovalSettings.from(new ApprovalsConfig(List.of("ec2 stop"), "deployer", 2, 15, "C_APPROVALS",
                50.5, List.of(22, 3389)));
        ApprovalSettings bare = ApprovalSettings.from(new ApprovalsConfig(null, "admin", 1, 30, "  ", 100, null));

        assertThat(full).isEqualTo(new ApprovalSettings(Set.of("ec2 stop"), Role.DEPLOYER, 2, Duration.ofMinutes(15),
                Optional.of("C_APPROVALS"), BigDecimal.valueOf(50.5), Set.of(22, 3389)));
        assertThat(bare.actions()).isEmpty();
        assertThat(bare.worldOpenPorts()).isEmpty();
        assertThat(bare.channel()).isEmpty();
        assertThat(ApprovalSettings.from(new ApprovalsConfig(null, "admin", 1, 30, null, 100, null)).channel()).isEmpty();
    }

    @Test
    void settings_whenFewerThanOneApproverRequired_areRefused() {
        assertThatThrownBy(() -> new ApprovalSettings(Set.of(), Role.ADMIN, 0, Duration.ofMinutes(1), Optional.empty(),
                BigDecimal.ONE, Set.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("required must be at least 1");
    }

    @Test
    void cardChannel_isTheConfiguredOne_elseTheAskers() {
        ApprovalSettings central = new ApprovalSettings(Set.of(), Role.ADMIN, 1, Duration.ofMinutes(1),
                Optional.of("C_APPROVALS"), BigDecimal.ONE, Set.of());
        ApprovalSettings blank = new ApprovalSettings(Set.of(), Role.ADMIN, 1, Duration.ofMinutes(1),
                Optional.of(" "), BigDecimal.ONE, Set.of());

        assertThat(central.cardChannel("C1")).isEqualTo("C_APPROVALS");
        assertThat(blank.cardChannel("C1")).isEqualTo("C1");
        assertThat(SETTINGS.cardChannel("C1")).isEqualTo("C1");
    }

    @Test
    void settingsPolicy_carriesTheThresholds() {
        var policy = SETTINGS.policy();

        assertThat(policy.alwaysApprove()).isEqualTo(ApprovalSettings.DEFAULT_ACTIONS);
        assertThat(policy.monthlyCostLimit()).isEqualTo(BigDecimal.valueOf(100));
        assertThat(policy.worldOpenPorts()).containsExactly(22);
        assertThat(policy.ipv4ExposurePrefix()).isEqualTo(16);
        assertThat(policy.ipv6ExposurePrefix()).isEqualTo(48);
    }

    @Test
    void wasApproved_isTrueOnlyOnceApproved() {
        assertThat(List.of(ApprovalState.values())).filteredOn(ApprovalState::wasApproved).containsExactly(
                ApprovalState.APPROVED, ApprovalState.RUNNING, ApprovalState.DONE, ApprovalState.PARTIAL, ApprovalState.FAILED,
                ApprovalState.INTERRUPTED);
        assertThat(ApprovalState.EXPIRED.label()).isEqualTo("expired");
    }

    @Test
    void request_defaultsNullTexts_andExpiresAtItsExpiry() {
        ApprovalRequest r = request(Optional.empty(), List.of(), Optional.empty());

        assertThat(r.decidedBy()).isEmpty();
        assertThat(r.note()).isEmpty();
        assertThat(r.isExpiredAt(NOW.plusSeconds(1799))).isFalse();
        assertThat(r.isExpiredAt(NOW.plusSeconds(1800))).isTrue();
    }

    @Test
    void threadProgress_postsEachStepUnderTheCard() {
        RecordingChatPort chat = new RecordingChatPort();
        ApprovalNotices notices = new ApprovalNotices(chat, SETTINGS);
        MessageRef card = new MessageRef("C_APPROVALS", "ts-card");

        notices.threadProgress(request(Optional.empty(), List.of(), Optional.of(card))).report("Stopping web-1 ...");

        assertThat(chat.sent).containsExactly(new RecordingChatPort.Sent("thread", "C_APPROVALS", "ts-card",
                Reply.inChannel("Stopping web-1 ...")));
    }

    @Test
    void inThread_withoutACard_postsWhereTheRequesterAsked() {
        RecordingChatPort chat = new RecordingChatPort();

        new ApprovalNotices(chat, SETTINGS).inThread(request(Optional.empty(), List.of(), Optional.empty()),
                Reply.inChannel("done"));

        assertThat(chat.sent).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo("post");
            assertThat(s.target()).isEqualTo("C1");
        });
    }

    @Test
    void tellRequester_onlyWhenTheCardLivesInAnotherChannel() {
        RecordingChatPort chat = new RecordingChatPort();
        ApprovalNotices notices = new ApprovalNotices(chat, SETTINGS);

        notices.tellRequester(request(Optional.empty(), List.of(), Optional.empty()), "no card");
        notices.tellRequester(request(Optional.empty(), List.of(), Optional.of(new MessageRef("C1", "ts1"))), "same");
        notices.tellRequester(request(Optional.empty(), List.of(), Optional.of(new MessageRef("C_APPROVALS", "ts2"))),
                "denied by U_ADMIN");

        assertThat(chat.sent).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo("post");
            assertThat(s.target()).isEqualTo("C1");
            assertThat(s.reply()).isEqualTo(Reply.inChannel("U_DEP: denied by U_ADMIN"));
        });
    }

    @Test
    void notices_whenChatFails_swallowTheFailure() {
        List<String> tried = new java.util.ArrayList<>();
        dev.deckhand.chat.ChatPort failing = new dev.deckhand.chat.ChatPort() {
            @Override
            public MessageRef post(String channelId, Reply reply) {
                throw new IllegalStateException("slack down");
            }

            @Override
            public void update(MessageRef message, Reply reply) {
                tried.add(reply.header());
                throw new IllegalStateException("slack down");
            }

            @Override
            public MessageRef postInThread(MessageRef parent, Reply reply) {
                throw new IllegalStateException("slack down");
            }

            @Override
            public MessageRef directMessage(String userId, Reply reply) {
                throw new IllegalStateException("slack down");
            }
        };
        ApprovalNotices notices = new ApprovalNotices(failing, SETTINGS);
        ApprovalRequest r = request(Optional.empty(), List.of(), Optional.of(new MessageRef("C1", "ts1")));

        notices.refreshOpen(r);
        notices.close(r, "Denied", "by U_ADMIN");

        notices.inThread(r, Reply.inChannel("x"));

        assertThat(tried).containsExactly("Approval needed", "Denied");
    }
}
