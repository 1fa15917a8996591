package dev.deckhand.plan;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/*
 * A surviving mutant explained: in costIncrease, "amount > 0" mutated to ">= 0" is equivalent, since it
 * only adds known zero amounts to the sum.
 */
class PlanTest {

    private static final PlanContext CONTEXT = new PlanContext("p-1", "ec2 terminate", "UDEP", "us-east-1");

    private static Target instance(String id, String fingerprint) {
        return new Target(Kind.INSTANCE, id, "us-east-1", new Owner.User("UDEP"), "web", "web-1 (" + id + ")", fingerprint);
    }

    private static Plan terminate(Target t) {
        return Plan.builder(CONTEXT).effect(new Effect.Delete(t, Cost.usd(new BigDecimal("-7.59")))).build();
    }

    @Test
    void costs_sumWhileKnown_andStayUnknownOnceAnyPartIs() {
        Cost a = Cost.usd(new BigDecimal("1.005"));
        Cost unknown = Cost.unknown("price for p4d.24xlarge unknown");

        assertThat(a.plus(Cost.usd(BigDecimal.ONE))).isEqualTo(Cost.usd(new BigDecimal("2.01")));
        assertThat(a.plus(unknown)).isEqualTo(unknown);
        assertThat(unknown.plus(a)).isEqualTo(unknown);
        assertThat(unknown.plus(Cost.unknown("disk price unknown")))
                .isEqualTo(Cost.unknown("price for p4d.24xlarge unknown; disk price unknown"));
        assertThat(unknown.plus(unknown)).isEqualTo(unknown);
        assertThat(unknown.negate()).isEqualTo(unknown);
        assertThat(a.negate()).isEqualTo(Cost.usd(new BigDecimal("-1.01")));
    }

    @Test
    void costs_printWithTheirSign() {
        assertThat(Cost.usd(new BigDecimal("7.5"))).hasToString("+$7.50/month");
        assertThat(Cost.usd(new BigDecimal("-7.5"))).hasToString("-$7.50/month");
        assertThat(Cost.ZERO).hasToString("$0.00/month");
        assertThat(Cost.unknown("why")).hasToString("unknown (why)");
    }

    @Test
    void costIncrease_countsOnlyWhatAddsToTheBill_butAnUnknownAddition() {
        Target i = instance("i-1", "x");
        Plan plan = Plan.builder(CONTEXT)
                .effect(new Effect.SetState(i, Effect.SetState.Transition.STOP, Cost.unknown("saving unknown")))
                .effect(new Effect.Create(Target.created(Kind.ELASTIC_IP, "eip", "us-east-1", "UDEP", "web"),
                        Cost.usd(new BigDecimal("3.60"))))
                .effect(new Effect.Delete(instance("i-2", "y"), Cost.usd(new BigDecimal("-10"))))
                .build();

        assertThat(plan.costIncrease()).isEqualTo(Cost.usd(new BigDecimal("3.60")));
        assertThat(plan.monthlyChange()).isInstanceOf(Cost.Unknown.class);
        assertThat(Plan.builder(CONTEXT).effect(new Effect.Create(i, Cost.unknown("u"))).build().costIncrease())
                .isEqualTo(Cost.unknown("u"));
    }

    @Test
    void samePlanTwice_hasTheSamePin_andNoDifferences() {
        Plan a = terminate(instance("i-1", "2026-11-01 running"));
        Plan b = terminate(instance("i-1", "2026-11-01 running"));

        assertThat(a.pin()).isEqualTo(b.pin());
        assertThat(b.changesSince(a.pin())).isEmpty();
    }

    @Test
    void anotherInstanceUnderTheSameName_changesThePin_andIsNamed() {
        Plan approved = terminate(instance("i-old", "2026-11-01 running"));
        Plan now = terminate(instance("i-new", "2026-11-30 running"));

        assertThat(approved.pin()).isNotEqualTo(now.pin());
        assertThat(now.changesSince(approved.pin())).containsExactly(
                "approved: Delete: delete instance web-1 (i-old) | INSTANCE i-old us-east-1 owner UDEP [2026-11-01 running]",
                "now: Delete: delete instance web-1 (i-new) | INSTANCE i-new us-east-1 owner UDEP [2026-11-30 running]");
    }

    @Test
    void aChangedFingerprintOrOwner_changesThePin_andIsNamed() {
        Plan approved = terminate(instance("i-1", "running"));
        Plan stopped = terminate(instance("i-1", "stopped"));
        Plan otherOwner = terminate(new Target(Kind.INSTANCE, "i-1", "us-east-1", new Owner.User("UX"), "web",
                "web-1 (i-1)", "running"));

        assertThat(stopped.changesSince(approved.pin())).containsExactly(
                "approved: Delete: delete instance web-1 (i-1) | INSTANCE i-1 us-east-1 owner UDEP [running]",
                "now: Delete: delete instance web-1 (i-1) | INSTANCE i-1 us-east-1 owner UDEP [stopped]");
        assertThat(otherOwner.changesSince(approved.pin())).containsExactly(
                "approved: Delete: delete instance web-1 (i-1) | INSTANCE i-1 us-east-1 owner UDEP [running]",
                "now: Delete: delete instance web-1 (i-1) | INSTANCE i-1 us-east-1 owner UX [running]");
        assertThat(approved.pin()).isNotEqualTo(otherOwner.pin());
    }

    @Test
    void aDifferentRegionOrEffect_changesThePin() {
        Target i = instance("i-1", "running");
        Plan delete = terminate(i);
        Plan stop = Plan.builder(CONTEXT).effect(new Effect.SetState(i, Effect.SetState.Transition.STOP, Cost.ZERO)).build();
        Plan elsewhere = Plan.builder(new PlanContext("p-1", "ec2 terminate", "UDEP", "eu-west-1"))
                .effect(new Effect.Delete(i, Cost.usd(new BigDecimal("-7.59")))).build();

        assertThat(delete.pin()).isNotEqualTo(stop.pin()).isNotEqualTo(elsewhere.pin());
        assertThat(stop.changesSince(delete.pin())).containsExactly(
                "approved: Delete: delete instance web-1 (i-1) | INSTANCE i-1 us-east-1 owner UDEP [running]",
                "now: SetState: stop instance web-1 (i-1) | INSTANCE i-1 us-east-1 owner UDEP [running]");
        assertThat(elsewhere.changesSince(delete.pin())).containsExactly("approved: us-east-1", "now: eu-west-1");
    }

    @Test
    void theOtherSideOfAMove_isPinnedToo() {
        Target eip = new Target(Kind.ELASTIC_IP, "eipalloc-1", "us-east-1", new Owner.User("UDEP"), "", "1.2.3.4", "free");
        Plan toA = Plan.builder(CONTEXT).effect(new Effect.MoveAddress(eip, Optional.empty(), Optional.of(instance("i-a", "x"))))
                .build();
        Plan toB = Plan.builder(CONTEXT).effect(new Effect.MoveAddress(eip, Optional.empty(), Optional.of(instance("i-b", "x"))))
                .build();

        assertThat(toA.pin()).isNotEqualTo(toB.pin());
        assertThat(toA.resourceIds()).containsExactly("eipalloc-1", "i-a");
    }

    @Test
    void nothingToDo_hasNoEffects_andKeepsItsReason() {
        Plan none = Plan.nothingToDo(CONTEXT, "web-1 is already terminated.");

        assertThat(none.isEmpty()).isTrue();
        assertThat(none.notes()).containsExactly("web-1 is already terminated.");
        assertThat(none.monthlyChange()).isEqualTo(Cost.ZERO);
    }

    @Test
    void effects_sayWhatTheyDo_andWhichAreDestructive() {
        Target i = instance("i-1", "x");
        Target group = new Target(Kind.SECURITY_GROUP, "sg-1", "us-east-1", new Owner.User("UDEP"), "", "deckhand-web", "");
        Effect.OpenPorts open = new Effect.OpenPorts(group, 22, 22, List.of("10.0.0.0/8"), List.of("10.0.0.0/8"),
                BigInteger.ZERO, BigInteger.ZERO);

        assertThat(new Effect.Delete(i, Cost.ZERO).destructive()).isTrue();
        assertThat(new Effect.SetState(i, Effect.SetState.Transition.STOP, Cost.ZERO).destructive()).isFalse();
        assertThat(open.describe()).isEqualTo("open tcp 22 from 10.0.0.0/8 on deckhand-web");
        assertThat(open.covers(22)).isTrue();
        assertThat(open.covers(23)).isFalse();
        assertThat(new Effect.ReplaceRecord(i, List.of("1.1.1.1"), List.of("2.2.2.2")).describe())
                .isEqualTo("set DNS record web-1 (i-1) to 2.2.2.2 (now 1.1.1.1)");
        assertThat(new Effect.ReplaceRecord(i, List.of(), List.of("2.2.2.2")).touches()).isEmpty();
        assertThat(new Effect.MoveAddress(i, Optional.of(instance("i-2", "y")), Optional.empty()).describe())
                .isEqualTo("move Elastic IP web-1 (i-1) from web-1 (i-2) to nothing (detached, still billed)");
        assertThat(new Effect.Create(Target.created(Kind.ELASTIC_IP, "e", "us-east-1", "U", ""), Cost.ZERO).touches()).isEmpty();
    }

    @Test
    void json_holdsTheEffectsTargetsAndCosts() {
        String json = PlanJson.write(Plan.builder(CONTEXT)
                .effect(new Effect.Delete(instance("i-1", "running"), Cost.unknown("price unknown")))
                .detail("Type", "t3.micro").note("Warning: x").build());

        assertThat(json).contains("\"id\":\"p-1\"").contains("\"effect\":\"Delete\"").contains("\"destructive\":true")
                .contains("\"id\":\"i-1\"").contains("\"owner\":\"UDEP\"").contains("\"fingerprint\":\"running\"")
                .contains("\"monthlyChange\":{\"unknown\":\"price unknown\"}").contains("\"Type\":\"t3.micro\"")
                .contains("\"notes\":[\"Warning: x\"]");
    }

    @Test
    void owners_describeThemselves() {
        assertThat(Owner.of("U1")).isEqualTo(new Owner.User("U1"));
        assertThat(Owner.of("")).isEqualTo(new Owner.Nobody());
        assertThat(Owner.of(null)).isEqualTo(new Owner.Nobody());
        assertThat(new Owner.User("U1").is("U1")).isTrue();
        assertThat(new Owner.Nobody().is("U1")).isFalse();
        assertThat(new Owner.Unreadable("why").describe()).isEqualTo("unknown (why)");
    }

    @Test
    void pin_listsEachTouchedResourceOnce_withTheRegionFirst() {
        Target eip = new Target(Kind.ELASTIC_IP, "eipalloc-1", "us-east-1", new Owner.User("UDEP"), "", "1.2.3.4", "free");
        Plan move = Plan.builder(CONTEXT)
                .effect(new Effect.MoveAddress(eip, Optional.empty(), Optional.of(instance("i-a", "running")))).build();

        assertThat(move.pin()).isEqualTo("us-east-1\n"
                + "MoveAddress: move Elastic IP 1.2.3.4 to web-1 (i-a) | ELASTIC_IP eipalloc-1 us-east-1 owner UDEP [free]"
                + " | INSTANCE i-a us-east-1 owner UDEP [running]");
    }

    @Test
    void pin_changes_whenTheOtherSideOfAMoveChangesState() {
        Target eip = new Target(Kind.ELASTIC_IP, "eipalloc-1", "us-east-1", new Owner.User("UDEP"), "", "1.2.3.4", "free");
        Plan approved = Plan.builder(CONTEXT)
                .effect(new Effect.MoveAddress(eip, Optional.of(instance("i-a", "running")), Optional.empty())).build();
        Plan now = Plan.builder(CONTEXT)
                .effect(new Effect.MoveAddress(eip, Optional.of(instance("i-a", "stopped")), Optional.empty())).build();

        assertThat(approved.pin()).isNotEqualTo(now.pin());
        assertThat(now.changesSince(approved.pin())).containsExactly(
                "approved: MoveAddress: move Elastic IP 1.2.3.4 from web-1 (i-a) to nothing (detached, still billed) "
                        + "| ELASTIC_IP eipalloc-1 us-east-1 owner UDEP [free] | INSTANCE i-a us-east-1 owner UDEP [running]",
                "now: MoveAddress: move Elastic IP 1.2.3.4 from web-1 (i-a) to nothing (detached, still billed) "
                        + "| ELASTIC_IP eipalloc-1 us-east-1 owner UDEP [free] | INSTANCE i-a us-east-1 owner UDEP [stopped]");
    }

    @Test
    void changesSince_whenThereIsNowNothingToDo_saysSo_andWithTheSamePinSaysNothing() {
        Target i = instance("i-1", "running");
        Plan reboot = Plan.builder(CONTEXT).effect(new Effect.SetState(i, Effect.SetState.Transition.REBOOT, Cost.ZERO))
                .build();
        Plan none = Plan.nothingToDo(CONTEXT, "web-1 is already terminated.");

        assertThat(none.changesSince(reboot.pin())).containsExactly(
                "approved: SetState: reboot instance web-1 (i-1) | INSTANCE i-1 us-east-1 owner UDEP [running]",
                "now there is nothing to do: web-1 is already terminated.");
        assertThat(none.changesSince(Plan.nothingToDo(CONTEXT, "other words").pin())).isEmpty();
    }
}
