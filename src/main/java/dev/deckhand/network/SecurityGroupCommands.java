package dev.deckhand.network;

import dev.deckhand.access.Role;
import dev.deckhand.chat.Reply;
import dev.deckhand.command.Change;
import dev.deckhand.command.CommandContext;
import dev.deckhand.command.CommandSpec;
import dev.deckhand.validate.UsageException;
import dev.deckhand.command.UserFacingException;
import dev.deckhand.plan.Effect;
import dev.deckhand.plan.Plan;
import dev.deckhand.plan.Target;
import dev.deckhand.validate.AddressSet;
import dev.deckhand.validate.ExposureLimit;
import dev.deckhand.validate.Inputs;
import dev.deckhand.validate.Inputs.Cidr;
import dev.deckhand.validate.Inputs.PortRange;

import java.util.List;
import java.util.Optional;

/**
 * {@code sg show}, {@code sg open}, {@code sg close}: inbound TCP rules of a security group, named
 * directly or through an instance that uses it.
 *
 * <p>Changes plan first. What {@code sg open} plans is the exposure after the change: the public
 * addresses that all of the group's rules for those ports admit together; the policy holds a listed
 * port ({@code approvals.worldOpenPorts}) open to too much of the internet for approval, whatever
 * the role and however the ranges are written. A group's owner counts like any resource's.
 */
public final class SecurityGroupCommands {

    private final SecurityGroupService groups;
    private final InstanceDirectory instances;
    private final List<Integer> worldOpenPorts;
    private final OtherRegions otherRegions;

    /**
     * @param worldOpenPorts ports that `sg open` asks an explicit --from for, and `sg show` flags when
     *                       open to the internet (the policy holds their exposure for approval)
     */
    public SecurityGroupCommands(SecurityGroupService groups, InstanceDirectory instances, List<Integer> worldOpenPorts) {
        this(groups, instances, worldOpenPorts, OtherRegions.NONE);
    }

    /** @param otherRegions where else to look when neither a group nor an instance is in the channel's region */
    public SecurityGroupCommands(SecurityGroupService groups, InstanceDirectory instances, List<Integer> worldOpenPorts,
                                 OtherRegions otherRegions) {
        this.otherRegions = otherRegions;
        this.groups = groups;
        this.instances = instances;
        // Without the setting, SSH is still treated as risky.
        this.worldOpenPorts = worldOpenPorts == null ? List.of(22) : List.copyOf(worldOpenPorts);
    }

    public List<CommandSpec> commands() {
        return List.of(
                CommandSpec.command("sg show").usage("sg show <group|instance>")
                        .description("Shows the inbound rules of a security group, or of an instance's groups")
                        .example("sg show web-1").args(1, 1).flags("region").handledBy(this::show),
                CommandSpec.command("sg open").usage("sg open <group|instance> <port|from-to> [--from cidr] [--dry-run]")
                        .description(openDescription())
                        .example("sg open web-1 443").role(Role.DEPLOYER).args(2, 2).flags("from", "region")
                        .changes(new Open()),
                CommandSpec.command("sg close").usage("sg close <group|instance> <port|from-to> [--from cidr] [--dry-run]")
                        .description("Removes an inbound TCP rule (default source 0.0.0.0/0)")
                        .example("sg close web-1 22 --from 203.0.113.7/32").role(Role.DEPLOYER).args(2, 2)
                        .flags("from", "region").changes(new Close()));
    }

    /**
     * Help's words for {@code sg open}, from the same list the policy reads: a listed port needs an explicit --from,
     * and opening it to the internet is held for approval whatever the role (no role may skip it).
     */
    private String openDescription() {
        String base = "Opens a TCP port (default from anywhere)";
        if (worldOpenPorts.isEmpty()) {
            return base;
        }
        String ports = String.join(", ", worldOpenPorts.stream().map(String::valueOf).toList());
        return base + ". " + (worldOpenPorts.size() == 1 ? "Port " + ports + " needs" : "Ports " + ports + " need")
                + " an explicit --from, and opening " + (worldOpenPorts.size() == 1 ? "it" : "them")
                + " to the internet needs approval, whatever the role (approvals.worldOpenPorts)";
    }

    private Reply show(CommandContext context) {
        String ref = context.args().positional(0);
        List<SecurityGroupInfo> found = groups.find(context.region(), ref);
        String header;
        if (found.isEmpty()) {
            InstanceRef instance = instanceOrMiss(context.region(), ref);
            found = groups.byIds(context.region(), instance.securityGroupIds());
            header = "Security groups of " + instance.label();
        } else {
            header = found.size() == 1 ? "Security group " + found.get(0).label() : "Security groups named " + ref;
        }
        Reply.Builder reply = Reply.builder().header(header);
        for (SecurityGroupInfo group : found) {
            reply.line("*" + group.name() + "* `" + group.id() + "` in " + group.vpcId()
                    + (group.stack().isEmpty() ? "" : ", stack " + group.stack()));
            if (group.ingress().isEmpty()) {
                reply.line("  no inbound rules");
            }
            group.ingress().forEach(rule -> reply.line("  • " + rule.describe()
                    + (isWorldRisky(rule) ? "  :warning: open to the internet" : "")));
        }
        return reply.context("Region " + context.region()).build();
    }

    /**
     * {@code sg open}: one OpenPorts effect per stretch of the port range over which the group's other
     * rules are the same, each with the exposure of all the rules that admit those ports afterwards
     * (existing plus the new one), counted as public addresses however the ranges are written. The
     * policy judges that; this only asks for an explicit --from for the listed ports, as usage help.
     */
    private final class Open implements Change {
        @Override
        public Plan plan(CommandContext context) {
            PortRange ports = Inputs.portRange(context.args().positional(1));
            List<Integer> risky = worldOpenPorts.stream().filter(ports::contains).toList();
            if (context.args().flag("from").isEmpty() && !risky.isEmpty()) {
                throw new UsageException("Opening port " + risky.get(0) + " needs an explicit --from: say who may connect.",
                        "Use your own address, e.g. `sg open " + context.args().positional(0) + " " + ports
                                + " --from 203.0.113.7/32`; --from 0.0.0.0/0 opens it to everyone and needs approval.");
            }
            Cidr from = Inputs.cidr(context.args().flagOr("from", "0.0.0.0/0"));
            SecurityGroupInfo group = target(context.region(), context.args().positional(0), ports);
            String what = "tcp " + ports + " from " + from + " on " + group.label() + " in " + context.region();
            boolean present = group.ingress().stream().anyMatch(r -> r.protocol().equals("tcp") && r.fromPort() == ports.from()
                    && r.toPort() == ports.to() && from.equals(cidrOf(r.source()).orElse(null)));
            if (present) {
                return context.nothingToDo(capitalize(what) + " was already open; nothing changed.");
            }
            Target target = NetworkTargets.of(group, context.region());
            Plan.Builder plan = context.newPlan();
            if (isVpcDefault(group)) {
                // Every instance launched without a group lands in it: a rule here opens them all, not one app.
                plan.effect(new Effect.Confirm(target, group.label() + " is the VPC's shared default group (not Deckhand's): "
                        + "the rule would open " + portWords(ports) + " on every instance that uses it"));
            }
            Exposure.of(group.ingress(), ports, from).forEach(stretch -> plan.effect(new Effect.OpenPorts(target,
                    stretch.from(), stretch.to(), List.of(from.block()), stretch.ranges(), stretch.publicIpv4(),
                    stretch.publicIpv6())));
            return plan.build();
        }

        @Override
        public Reply apply(CommandContext context, Plan plan) {
            List<Effect.OpenPorts> opens = plan.effects().stream().filter(Effect.OpenPorts.class::isInstance)
                    .map(Effect.OpenPorts.class::cast).toList();
            Target group = opens.get(0).target();
            int first = opens.stream().mapToInt(Effect.OpenPorts::fromPort).min().orElseThrow();
            int last = opens.stream().mapToInt(Effect.OpenPorts::toPort).max().orElseThrow();
            Cidr from = Inputs.cidr(opens.get(0).added().get(0));
            PortRange ports = new PortRange(first, last);
            String what = "tcp " + ports + " from " + from + " on " + group.label() + " in " + context.region();
            boolean added = groups.authorize(context.region(), group.id(),
                    new IngressRule("tcp", first, last, from.block(), "deckhand: " + context.user()));
            if (!added) {
                return Reply.ephemeral(capitalize(what) + " was already open; nothing changed.");
            }
            List<String> after = opens.stream().flatMap(o -> o.rangesAfter().stream()).distinct().toList();
            return Reply.builder().inChannel().body("Opened " + what + ".")
                    .context(from.isWorld() ? "Anyone on the internet can now reach " + portWords(ports) + "."
                            : capitalize(portWords(ports)) + " " + (first == last ? "is" : "are") + " now open to "
                            + String.join(", ", after) + ".")
                    .build();
        }
    }

    /** {@code sg close}: removes one inbound rule, as the group has it. */
    private final class Close implements Change {
        @Override
        public Plan plan(CommandContext context) {
            PortRange ports = Inputs.portRange(context.args().positional(1));
            Cidr from = Inputs.cidr(context.args().flagOr("from", "0.0.0.0/0"));
            SecurityGroupInfo group = target(context.region(), context.args().positional(0), ports);
            String what = "tcp " + ports + " from " + from + " on " + group.label() + " in " + context.region();
            Optional<IngressRule> rule = group.ingress().stream().filter(r -> r.protocol().equals("tcp")
                    && r.fromPort() == ports.from() && r.toPort() == ports.to() && from.equals(cidrOf(r.source()).orElse(null)))
                    .findFirst();
            if (rule.isEmpty()) {
                List<String> near = group.ingress().stream().filter(r -> r.covers(ports.from())).map(IngressRule::describe).toList();
                return context.nothingToDo("There is no rule " + what + "; nothing changed."
                        + (near.isEmpty() ? "" : "\nRules that cover port " + ports.from() + ": " + String.join("; ", near)
                        + ". Name the source with --from."));
            }
            // The source as the group has it: a revoke must match it exactly.
            return context.newPlan().effect(new Effect.ClosePorts(NetworkTargets.of(group, context.region()), ports.from(),
                    ports.to(), rule.get().source())).build();
        }

        @Override
        public Reply apply(CommandContext context, Plan plan) {
            Effect.ClosePorts close = (Effect.ClosePorts) plan.effects().get(0);
            groups.revoke(context.region(), close.target().id(),
                    new IngressRule("tcp", close.fromPort(), close.toPort(), close.range(), ""));
            PortRange ports = new PortRange(close.fromPort(), close.toPort());
            return Reply.inChannel("Closed tcp " + ports + " from " + Inputs.cidr(close.range()) + " on "
                    + close.target().label() + " in " + context.region() + ".");
        }
    }

    /** A rule's source as a block; empty for another group, a prefix list or anything unreadable. */
    static Optional<Cidr> cidrOf(String source) {
        if (source.startsWith("sg-") || source.startsWith("pl-")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Inputs.cidr(source));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The one group a change applies to: named directly, or the instance's only (or only Deckhand-made) group. */
    private SecurityGroupInfo target(String region, String ref, PortRange ports) {
        List<SecurityGroupInfo> found = groups.find(region, ref);
        if (found.size() == 1) {
            return found.get(0);
        }
        if (found.size() > 1) {
            throw new UserFacingException("Several security groups match '" + ref + "': " + labels(found)
                    + ". Use the group id, e.g. `sg open " + found.get(0).id() + " " + ports + "`.");
        }
        InstanceRef instance = instanceOrMiss(region, ref);
        List<SecurityGroupInfo> ofInstance = groups.byIds(region, instance.securityGroupIds());
        if (ofInstance.size() > 1 && !instance.stack().isEmpty()) {
            List<SecurityGroupInfo> own = ofInstance.stream().filter(g -> g.stack().equals(instance.stack())).toList();
            ofInstance = own.isEmpty() ? ofInstance : own;
        }
        if (ofInstance.size() != 1) {
            throw new UserFacingException(instance.label() + " has " + ofInstance.size() + " security groups: "
                    + labels(ofInstance) + ". Name the group, e.g. `sg open "
                    + (ofInstance.isEmpty() ? "sg-0abc" : ofInstance.get(0).id()) + " " + ports + "`.");
        }
        return ofInstance.get(0);
    }

    private InstanceRef instanceOrMiss(String region, String ref) {
        return instances.find(region, ref).orElseThrow(() -> new UserFacingException(otherRegions
                .hint(ref, region, r -> !groups.find(r, ref).isEmpty() || instances.find(r, ref).isPresent())
                .orElseGet(() -> "No security group or instance '" + ref + "' in " + region + ". Give a group id "
                        + "(sg-0abc...), a group name, or an instance's id or Name tag; add --region if it lives elsewhere.")));
    }

    /** The group AWS makes with each VPC; the name "default" is reserved for it, so the name is enough. */
    private static boolean isVpcDefault(SecurityGroupInfo group) {
        return group.name().equals("default") && !group.vpcId().isEmpty();
    }

    /** A listed port open to more of the internet than a /16 (or IPv6 /48), however the range is written. */
    private boolean isWorldRisky(IngressRule rule) {
        return !rule.isGroupReference() && worldOpenPorts.stream().anyMatch(rule::covers)
                && cidrOf(rule.source()).map(c -> AddressSet.of(List.of(c)).exceeds(ExposureLimit.DEFAULT)).orElse(false);
    }

    private static String labels(List<SecurityGroupInfo> groups) {
        return String.join(", ", groups.stream().map(SecurityGroupInfo::label).toList());
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** "port 8080", "ports 8000-8100", "every port (1-65535)". */
    private static String portWords(PortRange ports) {
        if (ports.from() <= 1 && ports.to() >= 65535) {
            return "every port (1-65535)";
        }
        return ports.from() == ports.to() ? "port " + ports : "ports " + ports;
    }
}
