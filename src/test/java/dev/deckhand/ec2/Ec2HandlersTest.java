package dev.deckhand.ec2;

import dev.deckhand.chat.CommandRequest;
import dev.deckhand.chat.Reply;
import dev.deckhand.command.CommandContext;
import dev.deckhand.command.CommandParser;
import dev.deckhand.command.CommandRegistry;
import dev.deckhand.command.ParseResult;
import dev.deckhand.command.PlanReplies;
import dev.deckhand.command.Touched;
import dev.deckhand.access.Decision;
import dev.deckhand.access.Limits;
import dev.deckhand.access.Role;
import dev.deckhand.access.RoleDefinition;
import dev.deckhand.plan.Plan;
import dev.deckhand.plan.Cost;
import dev.deckhand.plan.Effect;
import dev.deckhand.plan.Owner;
import dev.deckhand.access.Actor;
import dev.deckhand.access.PlanPolicy;
import dev.deckhand.access.Policies;
import dev.deckhand.network.IngressRule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import dev.deckhand.validate.UsageException;
import dev.deckhand.command.UserFacingException;
import dev.deckhand.pricing.PriceTable;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The EC2 handlers against an in-memory {@link Ec2Service}: validation, ordering, parallelism. */
class Ec2HandlersTest {

    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    final FakeEc2 ec2 = new FakeEc2();
    final List<String> progress = new ArrayList<>();
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final CommandRegistry registry = new CommandRegistry().registerAll(new Ec2Commands(ec2,
            PriceTable.load(Path.of("config/prices.yml")), clock, InstanceListings.none(clock)).commands());
    final Touched touched = new Touched();

    /** What the router does with a command, less the policy: a read runs; a change is planned, shown or applied. */
    private Reply run(String user, String text) {
        ParseResult.Parsed parsed = (ParseResult.Parsed) new CommandParser(registry).parse(text);
        String region = parsed.args().flag("region").orElse("us-east-1");
        CommandContext context = new CommandContext(new CommandRequest(user, "C1", text,
                CommandRequest.Origin.CONSOLE), parsed.spec(), parsed.args(), region,
                step -> {
                    progress.add(step);
                    ec2.calls.add("progress " + step);
                }, touched);
        if (!parsed.spec().mutating()) {
            return parsed.spec().handler().handle(context);
        }
        Plan plan = plan(context);
        if (plan.isEmpty()) {
            return Reply.ephemeral(String.join("\n", plan.notes()));
        }
        if (context.dryRun()) {
            return PlanReplies.dryRun(text, plan, new Decision.Allowed(ADMIN));
        }
        return parsed.spec().change().apply(context, plan);
    }

    private Plan plan(CommandContext context) {
        return context.spec().change().plan(context);
    }

    private Plan planOf(String user, String text) {
        ParseResult.Parsed parsed = (ParseResult.Parsed) new CommandParser(registry).parse(text);
        return plan(new CommandContext(new CommandRequest(user, "C1", text, CommandRequest.Origin.CONSOLE),
                parsed.spec(), parsed.args(), "us-east-1", progress::add, touched));
    }

    final PlanPolicy policy = new PlanPolicy(Policies.SETTINGS);
    static final RoleDefinition DEPLOYER = new RoleDefinition("deployer", Role.DEPLOYER, java.util.Set.of(),
            new Limits(List.of("us-east-1", "eu-west-1"), List.of("t3.micro", "t3.small", "p4d.24xlarge"), 30));
    static final RoleDefinition ADMIN = new RoleDefinition("admin", Role.ADMIN, java.util.Set.of(), Limits.none());

    private static InstanceSummary instance(String id, String name, String region) {
        return new InstanceSummary(id, name, "t3.micro", InstanceState.RUNNING, "", false, NOW, "", region);
    }

    @Test
    void list_allRegions_asksTheRegionsInParallel() {
        CountDownLatch allAsking = new CountDownLatch(3);
        ec2.lister = region -> {
            allAsking.countDown();
            try {
                // Returns only once every region is being asked at the same time: a sequential list would wait here.
                if (!allAsking.await(5, TimeUnit.SECONDS)) {
                    throw new UserFacingException("asked one region at a time");
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return List.of(instance("i-0" + region.hashCode(), "app-" + region, region));
        };

        Reply reply = run("dev", "ec2 list --all-regions");

        assertThat(reply.header()).isEqualTo("EC2 instances in 3 regions (3)");
        assertThat(reply.context()).isEmpty();
        assertThat(progress).containsExactly("Asking 3 regions in parallel...");
    }

    @Test
    void list_allRegions_whenOneIsEnabled_saysOneRegion() {
        ec2.regions.retainAll(List.of("us-east-1"));
        ec2.lister = region -> List.of();

        run("dev", "ec2 list --all-regions");

        assertThat(progress).containsExactly("Asking 1 region...");
    }

    @Test
    void list_withRegionAndAllRegions_isAUsageError() {
        assertThatThrownBy(() -> run("dev", "ec2 list --all-regions --region eu-west-1"))
                .isInstanceOf(UsageException.class).hasMessage("Use either --region or --all-regions, not both.");
    }

    @Test
    void launch_showsThePlanBeforeChangingAnything() {
        run("dev", "ec2 launch web-1 --ttl 12h");

        List<String> order = ec2.calls.stream().map(c -> c.split(" ")[0]).filter(c -> !c.equals("find")).toList();
        assertThat(order).containsExactly("progress", "ami", "progress", "sg", "progress", "launch");
        assertThat(progress.get(1)).isEqualTo("Plan: t3.micro web-1 in us-east-1, AMI ami-0fake000000000000 (al2023), "
                + "ports 80, 443 from 0.0.0.0/0, 8 GB gp3, ~$11.88/month");
        assertThat(ec2.calls).anyMatch(c -> c.equals("launch t3.micro {Name=web-1, deckhand:stack=web-1, "
                + "deckhand:owner=dev, deckhand:expires=2026-11-26T00:00:00Z}"));
        assertThat(touched.ids()).containsExactly("sg-0fake", "i-0fake0001");
    }

    @Test
    void launch_ttl_countsFromTheMomentOfLaunch_toTheSecond_notFromARoundedWindowOrThePlan() {
        dev.deckhand.testing.MutableClock later = new dev.deckhand.testing.MutableClock(Instant.parse("2026-11-25T12:07:31Z"));
        CommandRegistry own = new CommandRegistry().registerAll(new Ec2Commands(ec2,
                PriceTable.load(Path.of("config/prices.yml")), later, InstanceListings.none(later)).commands());
        String text = "ec2 launch web-1 --ttl 1h";
        ParseResult.Parsed parsed = (ParseResult.Parsed) new CommandParser(own).parse(text);
        CommandContext context = new CommandContext(new CommandRequest("dev", "C1", text, CommandRequest.Origin.CONSOLE),
                parsed.spec(), parsed.args(), "us-east-1", progress::add, touched);
        Plan plan = plan(context);
        assertThat(plan.details()).containsEntry("Expires", "2026-11-25T13:07:31Z");

        later.advance(java.time.Duration.ofMinutes(95)); // approved an hour and a half later
        parsed.spec().change().apply(context, plan);

        assertThat(ec2.calls).anyMatch(c -> c.startsWith("launch t3.micro ") && c.contains("deckhand:expires=2026-11-25T14:42:31Z"));
    }

    @Test
    void launch_whenRunInstancesFails_removesTheGroupItCreated() {
        ec2.launchFailure = new UserFacingException("AWS limit reached");

        assertThatThrownBy(() -> run("dev", "ec2 launch web-1")).hasMessage("AWS limit reached");

        assertThat(ec2.calls).contains("delete-sg sg-0fake");
    }

    @Test
    void launch_sshFromOneAddress_isAllowedForDeployersWithoutWarning() {
        Reply reply = run("dev", "ec2 launch web-1 --open 22 --from 203.0.113.7/32 --dry-run");

        assertThat(reply.body()).doesNotContain("Warning");
        assertThat(reply.fields()).contains(new Reply.Field("Ports", "22 from 203.0.113.7/32"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"::/0", "0.0.0.0/0", "0.0.0.0/1,128.0.0.0/1", "0.0.0.0/1", "1.0.0.0/8", "2000::/3"})
    void launch_sshToTheWorld_inAnySpelling_needsApproval_evenForAnAdmin_andNothingIsChanged(String from) {
        Plan plan = planOf("admin", "ec2 launch web-1 --open 22 --from " + from);

        assertThat(policy.decide(plan, new Actor("admin", ADMIN))).isInstanceOfSatisfying(Decision.NeedsApproval.class,
                needs -> assertThat(needs.reason()).contains("Port 22 on deckhand-web-1 would be open to"));
        assertThat(plan.notes()).anyMatch(n -> n.startsWith("Warning: SSH (22) is open to"));
        assertThat(ec2.calls).noneMatch(c -> c.startsWith("sg") || c.startsWith("launch"));
    }

    @Test
    void launch_sshFromAFewAddresses_inSeveralRanges_runsForADeployer() {
        Plan plan = planOf("dev", "ec2 launch web-1 --open 22 --from 203.0.113.7/32,198.51.100.0/24,8.8.8.0/24");

        assertThat(policy.decide(plan, new Actor("dev", DEPLOYER))).isInstanceOf(Decision.Allowed.class);
        assertThat(plan.effects()).filteredOn(Effect.OpenPorts.class::isInstance).singleElement()
                .isInstanceOfSatisfying(Effect.OpenPorts.class, open -> {
                    assertThat(open.rangesAfter()).containsExactly("198.51.100.0/24", "203.0.113.7/32", "8.8.8.0/24");
                    assertThat(open.publicIpv4After()).isEqualTo(java.math.BigInteger.valueOf(256));
                });
    }

    @Test
    void launch_ofATypeWithoutAPrice_needsApproval_evenForAnAdmin_andTheReasonNamesTypeAndRegion() {
        Plan plan = planOf("admin", "ec2 launch gpu-1 --type p4d.24xlarge --open none");

        assertThat(plan.monthlyChange()).isEqualTo(Cost.unknown("price for p4d.24xlarge in us-east-1 unknown"));
        assertThat(policy.decide(plan, new Actor("admin", ADMIN))).isInstanceOfSatisfying(Decision.NeedsApproval.class,
                needs -> assertThat(needs.reasons()).containsExactly(
                        "Monthly cost unknown: price for p4d.24xlarge in us-east-1 unknown: approval required."));
    }

    @Test
    void launch_reusingAGroupOfSomeoneElse_withRulesItDidNotAskFor_needsApproval_namingTheOwner_andItsRulesCount() {
        ec2.groups.put("deckhand-web-1", new ExistingGroup("sg-0old1", "deckhand-web-1", List.of(
                IngressRule.tcp(443, "0.0.0.0/0", ""), IngressRule.tcp(22, "0.0.0.0/1", "")), "U0BOB", "web-1"));

        Plan plan = planOf("dev", "ec2 launch web-1 --open 22 --from 128.0.0.0/1");

        assertThat(plan.effects()).noneMatch(Effect.Create.class::isInstance);
        assertThat(plan.effects()).filteredOn(Effect.OpenPorts.class::isInstance).extracting(Effect::target)
                .allSatisfy(t -> assertThat(t.id()).isEqualTo("sg-0old1"))
                .allSatisfy(t -> assertThat(t.owner()).isEqualTo(new Owner.User("U0BOB")));
        Decision decision = policy.decide(plan, new Actor("dev", DEPLOYER));
        assertThat(decision).isInstanceOfSatisfying(Decision.NeedsApproval.class, needs -> assertThat(needs.reasons())
                .contains("The security group deckhand-web-1 (sg-0old1) belongs to U0BOB.")
                // Its 0.0.0.0/1 and the launch's 128.0.0.0/1 together are the whole IPv4 internet.
                .anyMatch(r -> r.startsWith("Port 22 on deckhand-web-1 (sg-0old1) would be open to")
                        && r.endsWith("through 0.0.0.0/1, 128.0.0.0/1.")));
        assertThat(plan.notes()).anyMatch(n -> n.startsWith("Reuses security group deckhand-web-1 (sg-0old1) (owner U0BOB, "
                + "stack web-1); its existing rules stay: tcp 443 from 0.0.0.0/0; tcp 22 from 0.0.0.0/1."));
    }

    /** The defect: relaunching a name reused deckhand-<name> with its old rules without a word. */
    @Test
    void launch_reusingItsOwnGroup_whoseRulesDifferFromTheRequest_showsTheDifference_andNeedsApproval() {
        ec2.groups.put("deckhand-web-1", new ExistingGroup("sg-0mine", "deckhand-web-1", List.of(
                IngressRule.tcp(443, "198.51.100.0/24", ""), IngressRule.tcp(5432, "198.51.100.0/24", "")), "dev", "web-1"));

        Plan plan = planOf("dev", "ec2 launch web-1 --open 443 --from 198.51.100.0/24");

        assertThat(plan.details()).containsEntry("Rules not asked for", "tcp 5432 from 198.51.100.0/24");
        assertThat(policy.decide(plan, new Actor("dev", DEPLOYER))).isInstanceOfSatisfying(Decision.NeedsApproval.class,
                needs -> assertThat(needs.reasons()).containsExactly("Reuses deckhand-web-1 (sg-0mine), whose rules differ "
                        + "from what this launch asks for: it also admits tcp 5432 from 198.51.100.0/24: approval required."));
    }

    @Test
    void launch_reusingItsOwnGroup_addsOnlyTheMissingRules_byGroupId() {
        ec2.groups.put("deckhand-web-1", new ExistingGroup("sg-0mine", "deckhand-web-1", List.of(
                IngressRule.tcp(443, "198.51.100.0/24", "")), "dev", "web-1"));

        Plan plan = planOf("dev", "ec2 launch web-1 --open 80,443 --from 198.51.100.0/24");
        assertThat(policy.decide(plan, new Actor("dev", DEPLOYER))).isInstanceOf(Decision.Allowed.class);
        run("dev", "ec2 launch web-1 --open 80,443 --from 198.51.100.0/24");

        assertThat(ec2.calls).contains("add-ingress sg-0mine [tcp 80 from 198.51.100.0/24 (deckhand)]")
                .noneMatch(c -> c.startsWith("sg "));
    }

    @Test
    void launch_reusingItsOwnGroup_whoseSshRuleIsAPrefixList_countsItAsTheWholeInternet_andNeedsApproval() {
        ec2.groups.put("deckhand-web-1", new ExistingGroup("sg-0mine", "deckhand-web-1", List.of(
                IngressRule.tcp(22, "pl-0abc1234", "")), "dev", "web-1"));

        Plan plan = planOf("dev", "ec2 launch web-1 --open 443 --from 198.51.100.0/24");
        Decision decision = policy.decide(plan, new Actor("dev", DEPLOYER));

        assertThat(decision).isInstanceOf(Decision.NeedsApproval.class);
        assertThat(((Decision.NeedsApproval) decision).reason()).contains("Port 22 on").contains("pl-0abc1234");
    }

    @Test
    void stop_ofAnInstanceOwnedBySomeoneElse_byADeployer_needsApproval_namingTheOwner() {
        ec2.instances.put("us-east-1", List.of(new InstanceSummary("i-0aaa1111", "web-1", "t3.micro",
                InstanceState.RUNNING, "", false, NOW, "U0BOB", "us-east-1")));

        Plan plan = planOf("dev", "ec2 stop web-1");

        assertThat(plan.effects()).singleElement().isInstanceOfSatisfying(Effect.SetState.class, e -> {
            assertThat(e.target().id()).isEqualTo("i-0aaa1111");
            assertThat(e.target().fingerprint()).isEqualTo("i-0aaa1111 launched 2026-11-25T12:00:00Z running");
            assertThat(e.monthlyChange()).isEqualTo(Cost.usd(new java.math.BigDecimal("-7.59")));
        });
        assertThat(policy.decide(plan, new Actor("dev", DEPLOYER))).isInstanceOfSatisfying(Decision.NeedsApproval.class,
                needs -> assertThat(needs.reasons()).containsExactly("The instance web-1 (i-0aaa1111) belongs to U0BOB."));
        assertThat(policy.decide(plan, new Actor("U0BOB", DEPLOYER))).isInstanceOf(Decision.Allowed.class);
    }

    @Test
    void start_ofATypeWithoutAPrice_costsUnknown_andStopSavesAnUnknownAmount() {
        ec2.instances.put("us-east-1", List.of(new InstanceSummary("i-0gpu0001", "gpu-1", "p4d.24xlarge",
                InstanceState.STOPPED, "", false, NOW, "dev", "us-east-1")));

        Plan plan = planOf("dev", "ec2 start gpu-1");

        assertThat(plan.costIncrease()).isEqualTo(Cost.unknown("price for p4d.24xlarge in us-east-1 unknown"));
        assertThat(policy.decide(plan, new Actor("dev", DEPLOYER))).isInstanceOf(Decision.NeedsApproval.class);
    }

    @Test
    void stop_ofAStoppedInstance_isNothingToDo() {
        ec2.instances.put("us-east-1", List.of(new InstanceSummary("i-0aaa1111", "web-1", "t3.micro",
                InstanceState.STOPPED, "", false, NOW, "dev", "us-east-1")));

        Plan plan = planOf("dev", "ec2 stop web-1");

        assertThat(plan.isEmpty()).isTrue();
        assertThat(plan.notes()).containsExactly("web-1 (i-0aaa1111) is already stopped.");
    }

    @Test
    void launch_clientToken_comesFromThePlanId_sameApprovalTwiceIsOneToken_twoRequestsAreTwo() {
        apply("dev", "ec2 launch web-1", "approval-aaaa1111");
        apply("dev", "ec2 launch web-1", "approval-aaaa1111");
        apply("dev", "ec2 launch web-1", "p-0123456789abcdef01234567");
        apply("dev", "ec2 launch web-1", "p-fedcba9876543210fedcba98");

        assertThat(ec2.tokens).hasSize(4);
        assertThat(ec2.tokens.get(1)).isEqualTo(ec2.tokens.get(0));
        assertThat(ec2.tokens.get(2)).isNotEqualTo(ec2.tokens.get(0));
        assertThat(ec2.tokens.get(3)).isNotEqualTo(ec2.tokens.get(2)).isNotEqualTo(ec2.tokens.get(0));
    }

    private void apply(String user, String text, String planId) {
        ParseResult.Parsed parsed = (ParseResult.Parsed) new CommandParser(registry).parse(text);
        CommandContext context = new CommandContext(new CommandRequest(user, "C1", text, CommandRequest.Origin.CONSOLE),
                parsed.spec(), parsed.args(), "us-east-1", step -> { }, touched, planId);
        parsed.spec().change().apply(context, parsed.spec().change().plan(context));
    }

    @Test
    void launch_badName_explainsTheForm() {
        assertThatThrownBy(() -> run("dev", "ec2 launch web_1")).isInstanceOf(UsageException.class)
                .hasMessage("'web_1' is not a valid instance name: use letters, digits and dashes, up to 64 characters, "
                        + "starting with a letter or digit.")
                .extracting(e -> ((UsageException) e).hint()).isEqualTo("For example: ec2 launch web-1");
    }

    @Test
    void launch_badPort_explainsTheForm() {
        assertThatThrownBy(() -> run("dev", "ec2 launch web-1 --open 80,70000"))
                .hasMessage("--open takes TCP ports from 1 to 65535 separated by commas; '70000' is not one.");
    }

    @Test
    void launch_badCidr_explainsTheForm() {
        assertThatThrownBy(() -> run("dev", "ec2 launch web-1 --from 10.0.0.0/33"))
                .hasMessage("--from must be a CIDR block, not '10.0.0.0/33'.");
        assertThatThrownBy(() -> run("dev", "ec2 launch web-1 --from 300.1.1.1/32"))
                .hasMessage("--from must be a CIDR block, not '300.1.1.1/32'.");
    }

    @Test
    void launch_badTtl_explainsTheForm() {
        assertThatThrownBy(() -> run("dev", "ec2 launch web-1 --ttl 3x"))
                .hasMessage("--ttl must be a number of hours, days or weeks up to a year, not '3x'.")
                .extracting(e -> ((UsageException) e).hint()).isEqualTo("For example: --ttl 12h, --ttl 7d or --ttl 2w");
        assertThatThrownBy(() -> run("dev", "ec2 launch web-1 --ttl 0h")).isInstanceOf(UsageException.class);
    }

    @Test
    void launch_diskOutOfRange_explainsTheForm() {
        assertThatThrownBy(() -> run("dev", "ec2 launch web-1 --disk 4"))
                .hasMessage("--disk must be a whole number from 8 to 16384, not '4'.");
    }

    @Test
    void launch_unknownAmi_listsTheAliases() {
        assertThatThrownBy(() -> run("dev", "ec2 launch web-1 --ami debian"))
                .hasMessage("--ami must be one of al2023, ubuntu-24.04, ubuntu-22.04 or an AMI id, not 'debian'.");
    }

    @Test
    void launch_dryRun_showsThePlanInItsRegion_andChangesNothing() {
        Reply reply = run("dev", "ec2 launch web-1 --key my-key --open 443 --ttl 2w --ami ubuntu-24.04 --dry-run --region eu-west-1");

        assertThat(reply.body()).contains("• launch t3.micro instance web-1 with a 8 GB disk",
                "• create security group deckhand-web-1", "• open tcp 443 from 0.0.0.0/0 on deckhand-web-1");
        assertThat(reply.fields()).contains(new Reply.Field("AMI", "ami-0fake000000000000 (ubuntu-24.04)"),
                new Reply.Field("Key pair", "my-key"), new Reply.Field("Expires", "2026-12-09T12:00:00Z"));
        assertThat(ec2.calls).noneMatch(c -> c.startsWith("sg") || c.startsWith("launch"));
    }

    @Test
    void show_looksInOtherRegionsOnlyWhenNotFoundHere() {
        ec2.instances.put("eu-west-1", List.of(instance("i-0abc1234", "web-1", "eu-west-1")));

        Reply reply = run("dev", "ec2 show web-1");

        assertThat(reply.body()).isEqualTo("web-1 is not in us-east-1; it is in eu-west-1. Use --region eu-west-1 or "
                + "`region eu-west-1`.");
        assertThat(ec2.calls).containsExactlyInAnyOrder("find us-east-1 web-1", "find eu-west-1 web-1",
                "find ap-northeast-2 web-1");
    }

    @Test
    void stop_ofANameUsedTwice_asksForTheId() {
        ec2.instances.put("us-east-1", List.of(instance("i-0aaa1111", "web-1", "us-east-1"),
                new InstanceSummary("i-0bbb2222", "web-1", "t3.micro", InstanceState.STOPPED, "", false, NOW, "", "us-east-1")));

        assertThatThrownBy(() -> run("dev", "ec2 stop web-1")).isInstanceOf(UserFacingException.class)
                .hasMessage("2 instances are named web-1 in us-east-1: i-0aaa1111 (running), i-0bbb2222 (stopped). "
                        + "Use the id, e.g. `ec2 show i-0aaa1111`.");
    }

    @Test
    void show_ofANameUsedTwice_offersEachId() {
        ec2.instances.put("us-east-1", List.of(instance("i-0aaa1111", "web-1", "us-east-1"),
                instance("i-0bbb2222", "web-1", "us-east-1")));

        Reply reply = run("dev", "ec2 show web-1");

        assertThat(reply.header()).isEqualTo("Which web-1?");
        assertThat(reply.buttons()).extracting(b -> b.command()).containsExactly(
                "ec2 show i-0aaa1111 --region us-east-1", "ec2 show i-0bbb2222 --region us-east-1");
    }

    @Test
    void terminate_dryRun_changesNothing() {
        ec2.instances.put("us-east-1", List.of(instance("i-0aaa1111", "web-1", "us-east-1")));

        Reply reply = run("admin", "ec2 terminate web-1 --dry-run");

        assertThat(reply.header()).isEqualTo("Plan: ec2 terminate web-1 --dry-run (dry run)");
        assertThat(reply.body()).contains("• delete instance web-1 (i-0aaa1111)");
        assertThat(ec2.calls).noneMatch(c -> c.startsWith("terminate"));
        assertThat(touched.ids()).isEmpty();
    }

    @Test
    void reboot_ofAStoppedInstance_saysToStartIt() {
        ec2.instances.put("us-east-1", List.of(new InstanceSummary("i-0aaa1111", "web-1", "t3.micro",
                InstanceState.STOPPED, "", false, NOW, "", "us-east-1")));

        assertThatThrownBy(() -> run("dev", "ec2 reboot web-1")).hasMessage("web-1 (i-0aaa1111) is stopped; only a "
                + "running instance can be rebooted. Start it with `ec2 start web-1`.");
    }
}
