package dev.deckhand.aws;

import dev.deckhand.access.Role;
import dev.deckhand.chat.Reply;
import dev.deckhand.command.Change;
import dev.deckhand.command.CommandContext;
import dev.deckhand.command.CommandSpec;
import dev.deckhand.plan.Cost;
import dev.deckhand.plan.Effect;
import dev.deckhand.plan.Kind;
import dev.deckhand.plan.Owner;
import dev.deckhand.plan.Plan;
import dev.deckhand.plan.Target;
import software.amazon.awssdk.services.ec2.model.TerminateInstancesResponse;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only stand-ins for the EC2 feature's commands, shaped like them (names, flags, roles) and
 * planning like them, so the approval path can be tested without depending on that feature.
 * {@code ec2 terminate} really calls TerminateInstances through {@link AwsClients}, so WireMock can
 * count how often it ran. Instances named here are owned by {@code U_DEP}.
 */
public final class FakeEc2Commands {

    /** What the fake launch costs per month: t3.small is priced high so tests can cross the cost limit. */
    static BigDecimal launchCost(String type) {
        return new BigDecimal(type.equals("t3.small") ? "150.50" : "15");
    }

    public final AtomicInteger launches = new AtomicInteger();
    public final AtomicInteger sgOpens = new AtomicInteger();
    private final AwsClients aws;

    public FakeEc2Commands(AwsClients aws) {
        this.aws = aws;
    }

    public List<CommandSpec> specs() {
        return List.of(
                terminate("ec2 terminate"),
                CommandSpec.command("ec2 launch").usage("ec2 launch <name> [--type t] [--disk gb]")
                        .description("Launches an instance").example("ec2 launch web --type t3.micro").role(Role.DEPLOYER)
                        .flags("type", "disk", "region").args(1, 1)
                        .changes(new Change() {
                            @Override
                            public Plan plan(CommandContext context) {
                                String name = context.args().positional(0);
                                return context.newPlan().effect(new Effect.Launch(
                                        Target.created(Kind.INSTANCE, name, context.region(), context.user(), name),
                                        context.args().flagOr("type", "t3.micro"),
                                        Integer.parseInt(context.args().flagOr("disk", "8")),
                                        Cost.usd(launchCost(context.args().flagOr("type", "t3.micro"))))).build();
                            }

                            @Override
                            public Reply apply(CommandContext context, Plan plan) {
                                launches.incrementAndGet();
                                context.touched("i-launched");
                                return Reply.inChannel("Launched " + context.args().positional(0) + ".");
                            }
                        }),
                CommandSpec.command("sg open").usage("sg open <group> <port> [--from cidr]").description("Opens a port")
                        .example("sg open web 443").role(Role.DEPLOYER).flags("from", "region").args(2, 2)
                        .changes(new Change() {
                            @Override
                            public Plan plan(CommandContext context) {
                                String group = context.args().positional(0);
                                int port = Integer.parseInt(context.args().positional(1));
                                String from = context.args().flagOr("from", "203.0.113.7/32");
                                // Only the two spellings these tests use: the whole IPv4 internet, or one address.
                                BigInteger v4 = from.equals("0.0.0.0/0") ? BigInteger.ONE.shiftLeft(32) : BigInteger.ONE;
                                Target target = new Target(Kind.SECURITY_GROUP, group, context.region(),
                                        new Owner.User("U_DEP"), group, group, "rules: none");
                                return context.newPlan().effect(new Effect.OpenPorts(target, port, port, List.of(from),
                                        List.of(from), v4, BigInteger.ZERO)).build();
                            }

                            @Override
                            public Reply apply(CommandContext context, Plan plan) {
                                sgOpens.incrementAndGet();
                                context.touched(context.args().positional(0));
                                return Reply.inChannel("Opened " + context.args().positional(1) + ".");
                            }
                        }));
    }

    /**
     * A terminate under {@code name}: tests on the whole Deckhand use a name of their own, so they keep
     * working when the real {@code ec2 terminate} is registered there.
     */
    public CommandSpec terminate(String name) {
        return CommandSpec.command(name).usage(name + " <id> [--region r]").description("Terminates an instance")
                .example(name + " i-0abc").role(Role.DEPLOYER).flags("region")
                .args(1, 1).changes(new Change() {
                    @Override
                    public Plan plan(CommandContext context) {
                        String id = context.args().positional(0);
                        Target instance = new Target(Kind.INSTANCE, id, context.region(), new Owner.User("U_DEP"), "",
                                id, "running");
                        return context.newPlan().effect(new Effect.Delete(instance, Cost.ZERO)).build();
                    }

                    @Override
                    public Reply apply(CommandContext context, Plan plan) {
                        Target instance = plan.effects().get(0).target();
                        TerminateInstancesResponse response = AwsErrors.call("ec2:TerminateInstances", instance.region(),
                                () -> aws.ec2(instance.region()).terminateInstances(b -> b.instanceIds(instance.id())));
                        return Reply.inChannel("Terminated " + instance.id() + " in " + instance.region() + " (now "
                                + response.terminatingInstances().get(0).currentState().nameAsString() + ").");
                    }
                });
    }

    /** TerminateInstances' documented answer: the instance going from running to shutting-down. */
    public static String terminateResponseInner(String id) {
        return "<instancesSet><item><instanceId>" + id + "</instanceId>"
                + "<currentState><code>32</code><name>shutting-down</name></currentState>"
                + "<previousState><code>16</code><name>running</name></previousState></item></instancesSet>";
    }
}
