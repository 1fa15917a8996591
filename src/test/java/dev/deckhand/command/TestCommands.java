package dev.deckhand.command;

import dev.deckhand.access.Role;
import dev.deckhand.chat.Reply;
import dev.deckhand.plan.Cost;
import dev.deckhand.plan.Effect;
import dev.deckhand.plan.Kind;
import dev.deckhand.plan.Plan;
import dev.deckhand.plan.Target;

import java.math.BigDecimal;

import java.util.concurrent.atomic.AtomicInteger;

/** A small registry of made-up commands for parser and router tests. */
final class TestCommands {

    final AtomicInteger launches = new AtomicInteger();
    final CommandRegistry registry = new CommandRegistry();

    TestCommands() {
        registry.register(new HelpCommand(registry).spec());
        registry.register(CommandSpec.command("ec2 launch").usage("ec2 launch <name> [--type t] [--disk gb] [--dry-run]")
                .description("Launches an instance").example("ec2 launch web-1 --type t3.micro")
                .role(Role.DEPLOYER).flags("type", "disk", "region").args(1, 1)
                .changes(new Change() {
                    @Override
                    public Plan plan(CommandContext c) {
                        String name = c.args().positional(0);
                        return c.newPlan().effect(new Effect.Launch(Target.created(Kind.INSTANCE, name, c.region(), c.user(), name),
                                c.args().flagOr("type", "t3.micro"), c.args().intFlag("disk", 8, 1, 16384),
                                Cost.usd(new BigDecimal("7.59")))).build();
                    }

                    @Override
                    public Reply apply(CommandContext c, Plan plan) {
                        launches.incrementAndGet();
                        c.touched("i-0abc");
                        return Reply.inChannel("launched " + c.args().positional(0) + " type=" + c.args().flagOr("type", "t3.micro")
                                + " region=" + c.region());
                    }
                }));
        registry.register(CommandSpec.command("ec2 list").usage("ec2 list [--region r]").description("Lists instances")
                .example("ec2 list").flags("region", "state").switches("all-regions").handledBy(c -> Reply.ephemeral("none")));
        registry.register(CommandSpec.command("ec2 terminate").usage("ec2 terminate <name|id>").description("Terminates")
                .example("ec2 terminate web-1").role(Role.ADMIN).args(1, 1)
                .changes(new Change() {
                    @Override
                    public Plan plan(CommandContext c) {
                        throw new UserFacingException("Instance web-9 was not found in us-east-1.");
                    }

                    @Override
                    public Reply apply(CommandContext c, Plan plan) {
                        throw new AssertionError("never planned");
                    }
                }));
        registry.register(CommandSpec.command("boom").usage("boom").description("Fails").example("boom")
                .handledBy(c -> {
                    throw new IllegalStateException("secret internals");
                }));
    }
}
