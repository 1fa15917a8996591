package dev.deckhand.network;

import dev.deckhand.access.Role;
import dev.deckhand.chat.Reply;
import dev.deckhand.command.CommandContext;
import dev.deckhand.command.CommandSpec;
import dev.deckhand.command.UsageException;
import dev.deckhand.command.UserFacingException;
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
 * <p>{@code eip release} needs the admin role until the approval layer gates it (it is listed in
 * {@code approvals.actions}).
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
                CommandSpec.command("eip allocate").usage("eip allocate [--for <instance>] [--stack s] [--dry-run]")
                        .description("Allocates a fixed public address, and attaches it to an instance with --for")
                        .example("eip allocate --for web-1").role(Role.DEPLOYER).flags("for", "stack", "region")
                        .switches("dry-run").mutating().handledBy(this::allocate),
                CommandSpec.command("eip associate").usage("eip associate <ip|eipalloc-id> <instance>")
                        .description("Attaches an Elastic IP to an instance").example("eip associate 54.12.34.56 web-1")
                        .role(Role.DEPLOYER).args(2, 2).flags("region").mutating().handledBy(this::associate),
                CommandSpec.command("eip disassociate").usage("eip disassociate <ip|eipalloc-id>")
                        .description("Detaches an Elastic IP (it keeps costing until released)")
                        .example("eip disassociate 54.12.34.56").role(Role.DEPLOYER).args(1, 1).flags("region").mutating()
                        .handledBy(this::disassociate),
                // Admin until approvals gate it (approvals.actions lists "eip release").
                CommandSpec.command("eip release").usage("eip release <ip|eipalloc-id> [--dry-run]")
                        .description("Gives an idle Elastic IP back to AWS (needs approval)").example("eip release 54.12.34.56")
                        .role(Role.DEPLOYER).args(1, 1).flags("region").switches("dry-run").mutating().handledBy(this::release));
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

    private Reply allocate(CommandContext context) {
        String region = context.region();
        Optional<InstanceRef> target = context.args().flag("for").map(ref -> instances.require(region, ref));
        if (target.isPresent()) {
            InstanceRef instance = target.get();
            Optional<ElasticIp> existing = eips.list(region).stream().filter(e -> e.instanceId().equals(instance.id())).findFirst();
            if (existing.isPresent()) {
                return Reply.ephemeral(instance.label() + " already has the Elastic IP " + existing.get().publicIp()
                        + "; nothing changed.");
            }
        }
        String stack = context.args().flag("stack").map(Inputs::stack)
                .or(() -> target.map(InstanceRef::stack).filter(s -> !s.isEmpty()))
                .orElseThrow(() -> new UsageException("Say which stack the address belongs to, so teardown can find it.",
                        "Add --stack, e.g. `eip allocate --stack shop`, or use --for with an instance Deckhand launched."));
        String name = target.map(i -> (i.name().isEmpty() ? i.id() : i.name()) + "-eip").orElse(stack + "-eip");
        String cost = PriceTable.usd(prices.publicIpv4()) + "/month";
        if (context.args().has("dry-run")) {
            return Reply.ephemeral("Dry run: would allocate an Elastic IP in " + region
                    + target.map(i -> " and attach it to " + i.label()).orElse("") + " (" + cost + "). Nothing was changed.");
        }
        ElasticIp eip = eips.allocate(region, new StackTags(name, stack, context.user()));
        context.touched(eip.allocationId());
        if (target.isEmpty()) {
            return Reply.builder().inChannel().body("Allocated " + eip.publicIp() + " (" + eip.allocationId() + ") in "
                    + region + " for stack " + stack + ". It costs " + cost + " while you keep it.").build();
        }
        InstanceRef instance = target.get();
        try {
            eips.associate(region, eip.allocationId(), instance.id());
        } catch (UserFacingException e) {
            // Do not leave an idle, billing address behind a failed attach.
            eips.release(region, eip.allocationId());
            throw new UserFacingException(e.getMessage() + " The new address was released again; nothing is left over.", e);
        }
        context.touched(instance.id());
        return Reply.builder().inChannel().body("Allocated " + eip.publicIp() + " (" + eip.allocationId()
                + ") and attached it to " + instance.label() + ". It costs " + cost + ".").build();
    }

    private Reply associate(CommandContext context) {
        String region = context.region();
        ElasticIp eip = requireEip(region, context.args().positional(0));
        InstanceRef instance = instances.require(region, context.args().positional(1));
        if (eip.instanceId().equals(instance.id())) {
            return Reply.ephemeral(eip.publicIp() + " is already attached to " + instance.label() + "; nothing changed.");
        }
        if (eip.isAssociated()) {
            throw new UserFacingException(eip.publicIp() + " is attached to " + (eip.instanceId().isEmpty()
                    ? "a network interface" : eip.instanceId()) + ". Run `eip disassociate " + eip.publicIp() + "` first.");
        }
        eips.associate(region, eip.allocationId(), instance.id());
        context.touched(eip.allocationId());
        context.touched(instance.id());
        return Reply.inChannel("Attached " + eip.publicIp() + " to " + instance.label() + ".");
    }

    private Reply disassociate(CommandContext context) {
        ElasticIp eip = requireEip(context.region(), context.args().positional(0));
        String idle = "An idle address still costs " + PriceTable.usd(prices.publicIpv4()) + "/month; `eip release "
                + eip.publicIp() + "` stops that.";
        if (!eip.isAssociated()) {
            return Reply.ephemeral(eip.publicIp() + " is not attached to anything; nothing changed. " + idle);
        }
        eips.disassociate(context.region(), eip.associationId());
        context.touched(eip.allocationId());
        return Reply.builder().inChannel().body("Detached " + eip.publicIp() + " from "
                + (eip.instanceId().isEmpty() ? "its network interface" : eip.instanceId()) + ".").context(idle).build();
    }

    private Reply release(CommandContext context) {
        String ref = context.args().positional(0);
        Optional<ElasticIp> found = findEip(context.region(), ref);
        if (found.isEmpty()) {
            return Reply.ephemeral("No Elastic IP " + ref + " in " + context.region() + " (already released?); nothing to do.");
        }
        ElasticIp eip = found.get();
        if (eip.isAssociated()) {
            throw new UserFacingException(eip.publicIp() + " is still attached to " + (eip.instanceId().isEmpty()
                    ? "a network interface" : eip.instanceId()) + ". Run `eip disassociate " + eip.publicIp()
                    + "` first, or `teardown <stack>` to remove the whole stack.");
        }
        String saved = PriceTable.usd(prices.publicIpv4()) + "/month";
        if (context.args().has("dry-run")) {
            return Reply.ephemeral("Dry run: would release " + eip.publicIp() + " (" + eip.allocationId() + "), saving "
                    + saved + ". Nothing was changed.");
        }
        eips.release(context.region(), eip.allocationId());
        context.touched(eip.allocationId());
        return Reply.inChannel("Released " + eip.publicIp() + " (" + eip.allocationId() + "). That saves " + saved + ".");
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
