package dev.deckhand.access;

import dev.deckhand.plan.Cost;
import dev.deckhand.plan.Effect;
import dev.deckhand.plan.Kind;
import dev.deckhand.plan.Owner;
import dev.deckhand.plan.Plan;
import dev.deckhand.plan.PlanContext;
import dev.deckhand.plan.Target;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The policy as a pure function of a plan and an actor: no AWS, no command text. */
class PlanPolicyTest {

    private static final RoleDefinition DEPLOYER = new RoleDefinition("deployer", Role.DEPLOYER, Set.of(),
            new Limits(List.of("us-east-1", "eu-west-1"), List.of("t3.micro", "t3.small"), 30));
    private static final RoleDefinition ADMIN = new RoleDefinition("admin", Role.ADMIN, Set.of(), Limits.none());
    private static final Actor DEP = new Actor("UDEP", DEPLOYER);
    private static final Actor ADM = new Actor("UADMIN", ADMIN);

    private final PlanPolicy policy = new PlanPolicy(new PolicySettings(Set.of("eip release"), new BigDecimal("100"),
            Set.of(22), 16, 48));

    private static Plan plan(String command, String region, Effect... effects) {
        Plan.Builder b = Plan.builder(new PlanContext("p-1", command, "UDEP", region));
        for (Effect e : effects) {
            b.effect(e);
        }
        return b.build();
    }

    private static Target instance(String id, Owner owner) {
        return new Target(Kind.INSTANCE, id, "us-east-1", owner, "web", "web-1 (" + id + ")", "2026-11-01T00:00:00Z running");
    }

    private static Effect.Launch launch(String type, int disk, Cost cost) {
        return new Effect.Launch(Target.created(Kind.INSTANCE, "web-1", "us-east-1", "UDEP", "web-1"), type, disk, cost);
    }

    private static Effect.OpenPorts open(int from, int to, BigInteger v4, BigInteger v6) {
        Target group = new Target(Kind.SECURITY_GROUP, "sg-1", "us-east-1", new Owner.User("UDEP"), "web", "deckhand-web", "");
        return new Effect.OpenPorts(group, from, to, List.of("0.0.0.0/1"), List.of("0.0.0.0/1", "128.0.0.0/1"), v4, v6);
    }

    private static List<String> reasons(Decision d) {
        assertThat(d).isInstanceOf(Decision.NeedsApproval.class);
        return ((Decision.NeedsApproval) d).reasons();
    }

    @Test
    void aConsequenceToConfirm_onTheRequestersOwnResource_isHeld_forAdminsToo_withItsReason() {
        Effect.Confirm confirm = new Effect.Confirm(instance("i-1", new Owner.User("UDEP")),
                "Replaces web-1's Elastic IP 54.1.2.3, which stays allocated and keeps billing");

        assertThat(reasons(policy.decide(plan("eip associate", "us-east-1", confirm), DEP)))
                .containsExactly("Replaces web-1's Elastic IP 54.1.2.3, which stays allocated and keeps billing: approval required.");
        assertThat(policy.decide(plan("eip associate", "us-east-1", confirm), ADM)).isInstanceOf(Decision.NeedsApproval.class);
    }

    @Test
    void launch_withinLimits_ownedNew_knownCheapCost_isAllowed() {
        Decision d = policy.decide(plan("ec2 launch", "us-east-1", launch("t3.micro", 8, Cost.usd(new BigDecimal("7.59")))), DEP);

        assertThat(d).isEqualTo(new Decision.Allowed(DEPLOYER));
    }

    @Test
    void launch_inARegionOutsideTheRole_isDenied_withTheAllowedList() {
        Effect.Launch l = new Effect.Launch(Target.created(Kind.INSTANCE, "web-1", "ap-south-1", "UDEP", "web-1"), "t3.micro", 8,
                Cost.ZERO);

        Decision d = policy.decide(plan("ec2 launch", "ap-south-1", l), DEP);

        assertThat(d).isEqualTo(new Decision.Denied("Region ap-south-1 is not allowed for role deployer. Allowed: "
                + "us-east-1, eu-west-1. Use --region us-east-1, or ask an admin."));
    }

    @Test
    void aTargetInAnotherRegion_isJudgedByItsOwnRegion() {
        Target elsewhere = new Target(Kind.INSTANCE, "i-9", "ap-south-1", new Owner.User("UDEP"), "", "i-9", "x");

        Decision d = policy.decide(plan("ec2 stop", "us-east-1", new Effect.SetState(elsewhere,
                Effect.SetState.Transition.STOP, Cost.ZERO)), DEP);

        assertThat(d).isInstanceOf(Decision.Denied.class);
    }

    @Test
    void globalTargets_areNotRegionChecked() {
        Target record = new Target(Kind.DNS_RECORD, "shop.example.com A", Target.GLOBAL, new Owner.User("UDEP"), "", "shop", "");

        Decision d = policy.decide(plan("dns point", "us-east-1", new Effect.ReplaceRecord(record, List.of(),
                List.of("1.2.3.4"))), DEP);

        assertThat(d).isEqualTo(new Decision.Allowed(DEPLOYER));
    }

    @Test
    void launch_beyondTypeAndDiskLimits_needsApproval_withBothReasons() {
        Decision d = policy.decide(plan("ec2 launch", "us-east-1", launch("m5.large", 31, Cost.usd(BigDecimal.TEN))), DEP);

        assertThat(reasons(d)).containsExactly(
                "Instance type m5.large is beyond role deployer's limits (allowed: t3.micro, t3.small).",
                "A 31 GB disk is above role deployer's 30 GB limit.");
    }

    @Test
    void launch_atTheDiskLimit_isAllowed() {
        assertThat(policy.decide(plan("ec2 launch", "us-east-1", launch("t3.small", 30, Cost.ZERO)), DEP))
                .isInstanceOf(Decision.Allowed.class);
    }

    @Test
    void unknownPrice_needsApproval_evenForAnAdmin_andSaysWhy() {
        Decision d = policy.decide(plan("ec2 launch", "us-east-1",
                launch("p4d.24xlarge", 8, Cost.unknown("price for p4d.24xlarge in us-east-1 unknown"))), ADM);

        assertThat(reasons(d)).containsExactly(
                "Monthly cost unknown: price for p4d.24xlarge in us-east-1 unknown: approval required.");
    }

    @Test
    void costAboveTheLimit_needsApproval_atTheLimitDoesNot() {
        assertThat(reasons(policy.decide(plan("ec2 launch", "us-east-1", launch("t3.micro", 8,
                Cost.usd(new BigDecimal("100.01")))), ADM)))
                .containsExactly("Estimated at +$100.01/month, above the $100.00/month limit.");
        assertThat(policy.decide(plan("ec2 launch", "us-east-1", launch("t3.micro", 8, Cost.usd(new BigDecimal("100")))), ADM))
                .isInstanceOf(Decision.Allowed.class);
    }

    @Test
    void anUnknownSaving_doesNotNeedApproval() {
        Effect stop = new Effect.SetState(instance("i-1", new Owner.User("UDEP")), Effect.SetState.Transition.STOP,
                Cost.unknown("price for x9.huge unknown"));

        assertThat(policy.decide(plan("ec2 stop", "us-east-1", stop), DEP)).isInstanceOf(Decision.Allowed.class);
    }

    @Test
    void deletion_alwaysNeedsApproval_evenForAnAdminsOwnResource() {
        Decision d = policy.decide(plan("ec2 terminate", "us-east-1", new Effect.Delete(instance("i-1", new Owner.User("UADMIN")),
                Cost.ZERO)), ADM);

        assertThat(reasons(d)).containsExactly("It will delete instance web-1 (i-1): deletions always need approval.");
    }

    @Test
    void deployer_changingSomeoneElsesResource_needsApproval_namingTheOwner() {
        Decision d = policy.decide(plan("ec2 stop", "us-east-1", new Effect.SetState(instance("i-1", new Owner.User("UOTHER")),
                Effect.SetState.Transition.STOP, Cost.ZERO)), DEP);

        assertThat(reasons(d)).containsExactly("The instance web-1 (i-1) belongs to UOTHER.");
    }

    @Test
    void deployer_changingAnUnownedOrUnreadableResource_needsApproval() {
        Effect unowned = new Effect.SetState(instance("i-1", new Owner.Nobody()), Effect.SetState.Transition.REBOOT, Cost.ZERO);
        Effect unreadable = new Effect.Deploy(instance("i-2", new Owner.Unreadable("tags could not be read")), "app.jar");

        assertThat(reasons(policy.decide(plan("ec2 reboot", "us-east-1", unowned), DEP)))
                .containsExactly("The instance web-1 (i-1) has no owner (no deckhand:owner tag).");
        assertThat(reasons(policy.decide(plan("deploy", "us-east-1", unreadable), DEP)))
                .containsExactly("The owner of instance web-1 (i-2) cannot be read (tags could not be read).");
    }

    @Test
    void admin_changingSomeoneElsesResource_isAllowed() {
        Effect stop = new Effect.SetState(instance("i-1", new Owner.User("UOTHER")), Effect.SetState.Transition.STOP, Cost.ZERO);

        assertThat(policy.decide(plan("ec2 stop", "us-east-1", stop), ADM)).isEqualTo(new Decision.Allowed(ADMIN));
    }

    @Test
    void movingAnAddress_checksTheAddressAndBothInstances() {
        Target eip = new Target(Kind.ELASTIC_IP, "eipalloc-1", "us-east-1", new Owner.User("UDEP"), "", "54.1.2.3", "i-prod");
        Target prod = instance("i-prod", new Owner.User("UPROD"));
        Target mine = instance("i-mine", new Owner.User("UDEP"));

        Decision d = policy.decide(plan("eip associate", "us-east-1",
                new Effect.MoveAddress(eip, Optional.of(prod), Optional.of(mine))), DEP);

        assertThat(reasons(d)).containsExactly("The instance web-1 (i-prod) belongs to UPROD.");
    }

    @Test
    void replacingARecordThatPointsElsewhere_checksItsOwner_creatingOneDoesNot() {
        Target record = new Target(Kind.DNS_RECORD, "api.example.com A", Target.GLOBAL,
                new Owner.Unreadable("Route53 records carry no owner tag"), "", "api.example.com A", "1.1.1.1 300");

        assertThat(reasons(policy.decide(plan("dns point", "us-east-1",
                new Effect.ReplaceRecord(record, List.of("1.1.1.1"), List.of("2.2.2.2"))), DEP)))
                .containsExactly("The owner of DNS record api.example.com A cannot be read (Route53 records carry no owner tag).");
        assertThat(policy.decide(plan("dns point", "us-east-1", new Effect.ReplaceRecord(record, List.of(), List.of("2.2.2.2"))), DEP))
                .isInstanceOf(Decision.Allowed.class);
        assertThat(policy.decide(plan("dns point", "us-east-1",
                new Effect.ReplaceRecord(record, List.of("2.2.2.2"), List.of("2.2.2.2"))), DEP)).isInstanceOf(Decision.Allowed.class);
    }

    @Test
    void listedPort_exposedBeyondASlash16_needsApproval_whateverTheRole() {
        BigInteger all = BigInteger.ONE.shiftLeft(32);

        assertThat(reasons(policy.decide(plan("sg open", "us-east-1", open(22, 22, all, BigInteger.ZERO)), ADM)))
                .containsExactly("Port 22 on deckhand-web would be open to 4294967296 public IPv4 addresses (more than a /16) "
                        + "through 0.0.0.0/1, 128.0.0.0/1.");
    }

    @Test
    void listedPort_exposedToExactlyASlash16_isAllowed_oneMoreIsNot() {
        BigInteger slash16 = BigInteger.ONE.shiftLeft(16);

        assertThat(policy.decide(plan("sg open", "us-east-1", open(22, 22, slash16, BigInteger.ZERO)), DEP))
                .isInstanceOf(Decision.Allowed.class);
        assertThat(policy.decide(plan("sg open", "us-east-1", open(22, 22, slash16.add(BigInteger.ONE), BigInteger.ZERO)), DEP))
                .isInstanceOf(Decision.NeedsApproval.class);
    }

    @Test
    void listedPort_exposedToMoreThanASlash48OfIpv6_needsApproval() {
        BigInteger slash48 = BigInteger.ONE.shiftLeft(80);

        assertThat(policy.decide(plan("sg open", "us-east-1", open(22, 22, BigInteger.ZERO, slash48)), DEP))
                .isInstanceOf(Decision.Allowed.class);
        assertThat(reasons(policy.decide(plan("sg open", "us-east-1", open(22, 22, BigInteger.ZERO, slash48.add(BigInteger.ONE))), DEP)))
                .singleElement().asString().contains("more public IPv6 addresses than a /48");
    }

    @Test
    void aRangeOfPortsThatIncludesAListedOne_isJudged_oneThatDoesNotIsNot() {
        BigInteger all = BigInteger.ONE.shiftLeft(32);

        assertThat(policy.decide(plan("sg open", "us-east-1", open(20, 25, all, BigInteger.ZERO)), DEP))
                .isInstanceOf(Decision.NeedsApproval.class);
        assertThat(policy.decide(plan("sg open", "us-east-1", open(23, 443, all, BigInteger.ZERO)), DEP))
                .isInstanceOf(Decision.Allowed.class);
        assertThat(policy.decide(plan("sg open", "us-east-1", open(1, 21, all, BigInteger.ZERO)), DEP))
                .isInstanceOf(Decision.Allowed.class);
    }

    @Test
    void aListedCommand_needsApproval_whenNothingElseHoldsIt() {
        Effect allocate = new Effect.Create(Target.created(Kind.ELASTIC_IP, "web-eip", "us-east-1", "UDEP", "web"),
                Cost.usd(new BigDecimal("3.60")));

        assertThat(reasons(policy.decide(plan("eip release", "us-east-1", allocate), DEP)))
                .containsExactly("`eip release` always needs approval (approvals.actions).");
        assertThat(policy.decide(plan("eip allocate", "us-east-1", allocate), DEP)).isInstanceOf(Decision.Allowed.class);
    }

    @Test
    void settingsChanges_touchNoOwner_andCostNothing() {
        Target channel = new Target(Kind.CHANNEL_SETTING, "C1/region", Target.GLOBAL, new Owner.Nobody(), "", "C1's region", "");

        assertThat(policy.decide(plan("region", "us-east-1", new Effect.ChangeSetting(channel, "us-east-1", "eu-west-1")), DEP))
                .isEqualTo(new Decision.Allowed(DEPLOYER));
    }

    @Test
    void anEmptyPlan_isAllowed() {
        assertThat(policy.decide(plan("ec2 stop", "us-east-1"), DEP)).isEqualTo(new Decision.Allowed(DEPLOYER));
    }

    @Test
    void aNewResourceInAnotherRegion_isDenied_evenWhenThePlansRegionIsAllowed() {
        Effect create = new Effect.Create(Target.created(Kind.ELASTIC_IP, "eip", "ap-south-1", "UDEP", ""), Cost.ZERO);

        assertThat(policy.decide(plan("eip allocate", "us-east-1", create), DEP)).isEqualTo(new Decision.Denied(
                "Region ap-south-1 is not allowed for role deployer. Allowed: us-east-1, eu-west-1. Use --region us-east-1, "
                        + "or ask an admin."));
    }

    @Test
    void anExistingResourceTouchedInAnotherRegion_isDenied() {
        Target group = new Target(Kind.TARGET_GROUP, "arn:tg", "us-east-1", new Owner.User("UDEP"), "", "web-tg", "");
        Effect register = new Effect.Register(group, new Target(Kind.INSTANCE, "i-9", "ap-south-1", new Owner.User("UDEP"),
                "", "far (i-9)", "running"), 80);

        assertThat(policy.decide(plan("elb register", "us-east-1", register), DEP)).isInstanceOf(Decision.Denied.class)
                .extracting(d -> ((Decision.Denied) d).reason()).asString().startsWith("Region ap-south-1 is not allowed");
    }
}
