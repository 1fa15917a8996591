package dev.deckhand.network;

import dev.deckhand.access.Role;
import dev.deckhand.chat.Reply;
import dev.deckhand.command.Change;
import dev.deckhand.command.CommandContext;
import dev.deckhand.command.CommandSpec;
import dev.deckhand.validate.UsageException;
import dev.deckhand.command.UserFacingException;
import dev.deckhand.plan.Cost;
import dev.deckhand.plan.Effect;
import dev.deckhand.plan.Kind;
import dev.deckhand.plan.Plan;
import dev.deckhand.plan.Target;
import dev.deckhand.pricing.PriceTable;
import dev.deckhand.stack.StackTags;
import dev.deckhand.validate.Inputs;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * {@code eip list|allocate|associate|disassociate|release}. Every public IPv4 address costs the same
 * per hour whether attached or idle, so each answer says what the address costs.
 *
 * <p>The changes plan first: moving an address names the address and both instances with their owners,
 * so moving someone else's (or no one's) address needs approval; releasing one is a deletion.
 */
public final class ElasticIpCommands {

    private final ElasticIpService eips;
    private final InstanceDirectory instances;
    private final PriceTable prices;

    public ElasticIpCommands(ElasticIpService eips, InstanceDirectory instances, PriceTable prices) {
        this.eips = eips;
        this.instances = instances;
        this.prices = prices;
    }

    public List<CommandSpec> commands() {
        return List.of(
                CommandSpec.command("eip list").usage("eip list").description("Lists Elastic IPs, attached or idle, with their monthly cost")
                        .example("eip list").flags("region").handledBy(this::list),
                CommandSpec.command("eip allocate").usage("eip allocate (--for <instance> | --stack <s>) [--dry-run]")
                        .description("Allocates a fixed public address, and attaches it to an instance with --for")
                        .example("eip allocate --for web-1").role(Role.DEPLOYER).flags("for", "stack", "region")
                        .changes(new Allocate()),
                CommandSpec.command("eip associate").usage("eip associate <ip|eipalloc-id> <instance> [--dry-run]")
                        .description("Attaches an Elastic IP to an instance").example("eip associate 54.12.34.56 web-1")
                        .role(Role.DEPLOYER).args(2, 2).flags("region").changes(new Associate()),
                CommandSpec.command("eip disassociate").usage("eip disassociate <ip|eipalloc-id> [--dry-run]")
                        .description("Detaches an Elastic IP (it keeps costing until released)")
                        .example("eip disassociate 54.12.34.56").role(Role.DEPLOYER).args(1, 1).flags("region")
                        .changes(new Disassociate()),
                CommandSpec.command("eip release").usage("eip release <ip|eipalloc-id> [--dry-run]")
                        .description("Gives an idle Elastic IP back to AWS (needs approval)").example("eip release 54.12.34.56")
                        .role(Role.DEPLOYER).args(1, 1).flags("region").changes(new Release()));
    }

    private Reply list(CommandContext context) {
        List<ElasticIp> all = eips.list(context.region());
        if (all.isEmpty()) {
            return Reply.ephemeral("No Elastic IPs in " + context.region() + ".");
        }
        BigDecimal each = prices.publicIpv4();
        Reply.Builder reply = Reply.builder().header("Elastic IPs in " + context.region());
        long idle = 0;
        for (ElasticIp eip : all) {
            String where = eip.isAssociated()
                    ? "→ " + (eip.instanceId().isEmpty() ? "a network interface" : eip.instanceId())
                    : "*idle*";
            idle += eip.isAssociated() ? 0 : 1;
            reply.line("`" + eip.publicIp() + "` " + eip.allocationId() + " " + where
                    + (eip.name().isEmpty() ? "" : " — " + eip.name())
                    + (eip.stack().isEmpty() ? "" : " [stack " + eip.stack() + "]") + "  " + PriceTable.usd(each) + "/month");
        }
        reply.field("Total", PriceTable.usd(each.multiply(BigDecimal.valueOf(all.size()))) + "/month");
        if (idle > 0) {
            reply.field("Idle", idle + " (" + PriceTable.usd(each.multiply(BigDecimal.valueOf(idle))) + "/month for nothing)");
            reply.context("Release an idle address with `eip release <ip>`, or attach it with `eip associate <ip> <instance>`.");
        }
        return reply.build();
    }

    /** {@code eip allocate}: creates an address (its cost is the public IPv4 price), and gives it to the --for instance. */
    private final class Allocate implements Change {
        @Override
        public Plan plan(CommandContext context) {
            String region = context.region();
            Optional<InstanceRef> target = context.args().flag("for").map(ref -> instances.require(region, ref));
            if (target.isPresent()) {
                InstanceRef instance = target.get();
                Optional<ElasticIp> existing = eips.list(region).stream().filter(e -> e.instanceId().equals(instance.id())).findFirst();
                if (existing.isPresent()) {
                    return context.nothingToDo(instance.label() + " already has the Elastic IP " + existing.get().publicIp()
                            + "; nothing changed.");
                }
            }
            String stack = context.args().flag("stack").map(Inputs::stack)
                    .or(() -> target.map(InstanceRef::stack).filter(s -> !s.isEmpty()))
                    .orElseThrow(() -> new UsageException("Say which stack the address belongs to, so teardown can find it.",
                            "Add --stack, e.g. `eip allocate --stack shop`, or use --for with an instance Deckhand launched."));
            String name = target.map(i -> (i.name().isEmpty() ? i.id() : i.name()) + "-eip").orElse(stack + "-eip");
            Target created = Target.created(Kind.ELASTIC_IP, name, region, context.user(), stack);
            Plan.Builder plan = context.newPlan().effect(new Effect.Create(created, Cost.usd(prices.publicIpv4())));
            target.ifPresent(i -> plan.effect(new Effect.MoveAddress(created, Optional.empty(),
                    Optional.of(i.target(region)))));
            return plan.build();
        }

        @Override
        public Reply apply(CommandContext context, Plan plan) {
            String region = context.region();
            Target created = plan.effects().get(0).target();
            Optional<Target> instance = moves(plan).stream().findFirst().flatMap(Effect.MoveAddress::to);
            String cost = PriceTable.usd(prices.publicIpv4()) + "/month";
            // A re-applied plan (a retried delivery, an approval run twice) finds the address it allocated.
            Optional<ElasticIp> earlier = eips.allocatedBy(region, context.planId());
            ElasticIp eip = earlier.orElseGet(() -> eips.allocate(region,
                    new StackTags(created.label(), created.stack(), context.user()), context.planId()));
            context.touched(eip.allocationId());
            if (instance.isEmpty()) {
                return Reply.builder().inChannel().body("Allocated " + eip.publicIp() + " (" + eip.allocationId() + ") in "
                        + region + " for stack " + created.stack() + ". It costs " + cost + " while you keep it.").build();
            }
            try {
                eips.associate(region, eip.allocationId(), instance.get().id());
            } catch (UserFacingException e) {
                // Do not leave an idle, billing address behind a failed attach.
                eips.release(region, eip.allocationId());
                throw new UserFacingException(e.getMessage() + " The new address was released again; nothing is left over.", e);
            }
            return Reply.builder().inChannel().body("Allocated " + eip.publicIp() + " (" + eip.allocationId()
                    + ") and attached it to " + instance.get().label() + ". It costs " + cost + ".").build();
        }
    }

    /** {@code eip associate}: moves an idle address to an instance. Both the address's owner and the instance's count. */
    private final class Associate implements Change {
        @Override
        public Plan plan(CommandContext context) {
            String region = context.region();
            ElasticIp eip = requireEip(region, context.args().positional(0));
            InstanceRef instance = instances.require(region, context.args().positional(1));
            if (eip.instanceId().equals(instance.id())) {
                return context.nothingToDo(eip.publicIp() + " is already attached to " + instance.label() + "; nothing changed.");
            }
            if (eip.isAssociated()) {
                throw new UserFacingException(eip.publicIp() + " is attached to " + (eip.instanceId().isEmpty()
                        ? "a network interface" : eip.instanceId()) + ". Run `eip disassociate " + eip.publicIp() + "` first.");
            }
            Target to = instance.target(region);
            Plan.Builder plan = context.newPlan().effect(new Effect.MoveAddress(NetworkTargets.of(eip, region), Optional.empty(),
                    Optional.of(to)));
            // AWS detaches the address the instance has now: that one is taken from it too, so its owner counts.
            eips.list(region).stream().filter(e -> e.instanceId().equals(instance.id())).forEach(other -> {
                Target old = NetworkTargets.of(other, region);
                plan.effect(new Effect.MoveAddress(old, Optional.of(to), Optional.empty()));
                plan.effect(new Effect.Confirm(old, "Replaces " + instance.label() + "'s Elastic IP " + other.publicIp()
                        + ", which stays allocated and keeps billing (" + PriceTable.usd(prices.publicIpv4()) + "/month)"));
                plan.note(instance.label() + " has the Elastic IP " + other.publicIp() + " now; AWS detaches it, and it "
                        + "keeps billing until `eip release " + other.publicIp() + "` (or attach it elsewhere).");
            });
            return plan.build();
        }

        @Override
        public Reply apply(CommandContext context, Plan plan) {
            Effect.MoveAddress move = moves(plan).get(0);
            Target instance = move.to().orElseThrow();
            // AllowReassociation=false: if the address was attached meanwhile, AWS refuses rather than taking it.
            eips.associate(context.region(), move.target().id(), instance.id());
            return Reply.inChannel("Attached " + move.target().label() + " to " + instance.label() + ".");
        }
    }

    /** {@code eip disassociate}: takes an address from the instance it is attached to. */
    private final class Disassociate implements Change {
        @Override
        public Plan plan(CommandContext context) {
            String region = context.region();
            ElasticIp eip = requireEip(region, context.args().positional(0));
            if (!eip.isAssociated()) {
                return context.nothingToDo(eip.publicIp() + " is not attached to anything; nothing changed. " + idle(eip));
            }
            Optional<Target> from = eip.instanceId().isEmpty() ? Optional.empty()
                    : Optional.of(instances.find(region, eip.instanceId()).map(i -> i.target(region))
                            .orElseGet(() -> NetworkTargets.unreadableInstance(eip.instanceId(), region)));
            Plan.Builder plan = context.newPlan().effect(new Effect.MoveAddress(NetworkTargets.of(eip, region), from,
                    Optional.empty()));
            if (from.isEmpty()) {
                plan.note("It is attached to a network interface, not an instance.");
            }
            return plan.note(idle(eip)).build();
        }

        @Override
        public Reply apply(CommandContext context, Plan plan) {
            Effect.MoveAddress move = moves(plan).get(0);
            ElasticIp eip = current(context.region(), move.target());
            eips.disassociate(context.region(), eip.associationId());
            return Reply.builder().inChannel().body("Detached " + eip.publicIp() + " from "
                    + move.from().map(Target::label).orElse("its network interface") + ".").context(idle(eip)).build();
        }
    }

    /** {@code eip release}: gives an idle address back (destructive: the address is gone for good). */
    private final class Release implements Change {
        @Override
        public Plan plan(CommandContext context) {
            String ref = context.args().positional(0);
            Optional<ElasticIp> found = findEip(context.region(), ref);
            if (found.isEmpty()) {
                return context.nothingToDo("No Elastic IP " + ref + " in " + context.region() + " (already released?); nothing to do.");
            }
            ElasticIp eip = found.get();
            if (eip.isAssociated()) {
                throw new UserFacingException(eip.publicIp() + " is still attached to " + (eip.instanceId().isEmpty()
                        ? "a network interface" : eip.instanceId()) + ". Run `eip disassociate " + eip.publicIp()
                        + "` first, or `teardown <stack>` to remove the whole stack.");
            }
            return context.newPlan().effect(new Effect.Delete(NetworkTargets.of(eip, context.region()),
                    Cost.usd(prices.publicIpv4()).negate())).build();
        }

        @Override
        public Reply apply(CommandContext context, Plan plan) {
            Target eip = plan.effects().get(0).target();
            eips.release(context.region(), eip.id());
            return Reply.inChannel("Released " + eip.label() + " (" + eip.id() + "). That saves "
                    + PriceTable.usd(prices.publicIpv4()) + "/month.");
        }
    }

    private String idle(ElasticIp eip) {
        return "An idle address still costs " + PriceTable.usd(prices.publicIpv4()) + "/month; `eip release "
                + eip.publicIp() + "` stops that.";
    }

    private static List<Effect.MoveAddress> moves(Plan plan) {
        return plan.effects().stream().filter(Effect.MoveAddress.class::isInstance).map(Effect.MoveAddress.class::cast).toList();
    }

    /** The address the plan names, read again by its allocation id, as long as it is still where the plan saw it. */
    private ElasticIp current(String region, Target planned) {
        ElasticIp eip = eips.list(region).stream().filter(e -> e.allocationId().equals(planned.id())).findFirst()
                .orElseThrow(() -> new UserFacingException("The Elastic IP " + planned.label() + " (" + planned.id()
                        + ") is gone; nothing changed."));
        if (!NetworkTargets.association(eip).equals(planned.fingerprint())) {
            throw new UserFacingException("The Elastic IP " + planned.label() + " moved since the plan (it was "
                    + planned.fingerprint() + ", now " + NetworkTargets.association(eip) + "); nothing changed. Look again with `eip list`.");
        }
        return eip;
    }

    private ElasticIp requireEip(String region, String ref) {
        return findEip(region, ref).orElseThrow(() -> new UserFacingException("No Elastic IP " + ref + " in " + region
                + ". `eip list` shows them; give the address (54.12.34.56) or its allocation id (eipalloc-...)."));
    }

    private Optional<ElasticIp> findEip(String region, String ref) {
        if (!Inputs.isIpv4(ref) && !ref.matches("eipalloc-[0-9a-f]{8,17}")) {
            throw new UsageException("'" + ref + "' is not an Elastic IP.",
                    "Give the address, e.g. 54.12.34.56, or its allocation id, e.g. eipalloc-0abc12345678.");
        }
        return eips.list(region).stream().filter(e -> e.publicIp().equals(ref) || e.allocationId().equals(ref)).findFirst();
    }
}
