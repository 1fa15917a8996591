package dev.deckhand.access;

import dev.deckhand.plan.Effect;
import dev.deckhand.plan.Kind;
import dev.deckhand.plan.Owner;
import dev.deckhand.plan.Plan;
import dev.deckhand.plan.PlanContext;
import dev.deckhand.plan.Target;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Deckhand's own settings: the level each needs is read from the plan's ChangeSetting, whatever the command. */
class PlanPolicySettingsTest {

    private final PlanPolicy policy = new PlanPolicy(Policies.SETTINGS);

    private static Plan change(Kind kind, String label) {
        Target setting = new Target(kind, "setting:x", Target.GLOBAL, new Owner.Nobody(), "", label, "us-east-1");
        return Plan.builder(new PlanContext("p1", "region", "U1", "us-east-1"))
                .effect(new Effect.ChangeSetting(setting, "us-east-1", "eu-west-1")).build();
    }

    private static Actor actor(Role base) {
        return new Actor("U1", new RoleDefinition(base.label(), base, java.util.Set.of(), Limits.none()));
    }

    @Test
    void channelRegion_byAViewer_isDenied_namingTheRoleNeeded() {
        Decision decision = policy.decide(change(Kind.CHANNEL_SETTING, "this channel's default region"), actor(Role.VIEWER));

        assertThat(decision).isEqualTo(new Decision.Denied("Changing this channel's default region needs the deployer role; "
                + "you (U1) are viewer. Ask an admin to run `grant U1 deployer`."));
    }

    @Test
    void channelRegion_byADeployer_isAllowed() {
        assertThat(policy.decide(change(Kind.CHANNEL_SETTING, "region"), actor(Role.DEPLOYER)))
                .isInstanceOf(Decision.Allowed.class);
    }

    @Test
    void grant_byADeployerOrACustomViewerRole_isDenied_andByAnAdminAllowed() {
        Actor custom = new Actor("U1", new RoleDefinition("granter", Role.VIEWER, java.util.Set.of("grant"), Limits.none()));

        assertThat(policy.decide(change(Kind.GRANT, "U2's role"), actor(Role.DEPLOYER))).isInstanceOf(Decision.Denied.class);
        assertThat(policy.decide(change(Kind.GRANT, "U2's role"), custom)).isInstanceOf(Decision.Denied.class);
        assertThat(policy.decide(change(Kind.GRANT, "U2's role"), actor(Role.ADMIN))).isInstanceOf(Decision.Allowed.class);
    }

    @Test
    void anotherKindOfSetting_needsAdmin() {
        assertThat(policy.decide(change(Kind.STACK, "something"), actor(Role.DEPLOYER))).isInstanceOf(Decision.Denied.class);
    }
}
