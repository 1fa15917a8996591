package dev.deckhand.network;

import dev.deckhand.access.Role;
import dev.deckhand.chat.CommandRequest;
import dev.deckhand.chat.Reply;
import dev.deckhand.command.CommandContext;
import dev.deckhand.command.CommandSpec;
import dev.deckhand.command.UsageException;
import dev.deckhand.command.UserFacingException;
import dev.deckhand.validate.Inputs;
import dev.deckhand.validate.Inputs.Cidr;
import dev.deckhand.validate.Inputs.PortRange;

import java.util.List;
import java.util.function.BiPredicate;

/**
 * {@code sg show}, {@code sg open}, {@code sg close}: inbound TCP rules of a security group, named
 * directly or through an instance that uses it.
 *
 * <p>Opening a port listed in {@code approvals.worldOpenPorts} (SSH by default) to the whole internet
 * is risky: such a port must be given an explicit {@code --from}, so the approval layer sees the
 * CIDR in the command text and holds it for approval; this handler still refuses it to non-admins
 * unless it arrives as an approved request.
 */
public final class SecurityGroupCommands {

    private final SecurityGroupService groups;
    private final InstanceDirectory instances;
    private final List<Integer> worldOpenPorts;
    private final BiPredicate<String, String> isAdmin;

    /**
     * @param worldOpenPorts ports that must not be opened to 0.0.0.0/0 or ::/0 without an admin
     * @param isAdmin        (user, channel) -> whether that user has the admin role there
     */
    public SecurityGroupCommands(SecurityGroupService groups, InstanceDirectory instances, List<Integer> worldOpenPorts,
                                 BiPredicate<String, String> isAdmin) {
        this.groups = groups;
        this.instances = instances;
        // Without the setting, SSH is still treated as risky.
        this.worldOpenPorts = worldOpenPorts == null ? List.of(22) : List.copyOf(worldOpenPorts);
        this.isAdmin = isAdmin;
    }

    public List<CommandSpec> commands() {
        return List.of(
                CommandSpec.command("sg show").usage("sg show <group|instance>")
                        .description("Shows the inbound rules of a security group, or of an instance's groups")
                        .example("sg show web-1").args(1, 1).flags("region").handledBy(this::show),
                CommandSpec.command("sg open").usage("sg open <group|instance> <port|from-to> [--from cidr] [--dry-run]")
                        .description("Opens a TCP port (default from anywhere; SSH needs --from, and an admin for 0.0.0.0/0)")
                        .example("sg open web-1 443").role(Role.DEPLOYER).args(2, 2).flags("from", "region")
                        .switches("dry-run").mutating().handledBy(this::open),
                CommandSpec.command("sg close").usage("sg close <group|instance> <port|from-to> [--from cidr] [--dry-run]")
                        .description("Removes an inbound TCP rule (default source 0.0.0.0/0)")
                        .example("sg close web-1 22 --from 203.0.113.7/32").role(Role.DEPLOYER).args(2, 2)
                        .flags("from", "region").switches("dry-run").mutating().handledBy(this::close));
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

    private Reply open(CommandContext context) {
        PortRange ports = Inputs.portRange(context.args().positional(1));
        List<Integer> risky = worldOpenPorts.stream().filter(ports::contains).toList();
        if (context.args().flag("from").isEmpty() && !risky.isEmpty()) {
            throw new UsageException("Opening port " + risky.get(0) + " needs an explicit --from: say who may connect.",
                    "Use your own address, e.g. `sg open " + context.args().positional(0) + " " + ports
                            + " --from 203.0.113.7/32`; --from 0.0.0.0/0 opens it to everyone and needs approval.");
        }
        Cidr from = Inputs.cidr(context.args().flagOr("from", "0.0.0.0/0"));
        // An approved request passes: the approval policy held it until someone else accepted the risk.
        if (from.isWorld() && !risky.isEmpty() && context.request().origin() != CommandRequest.Origin.APPROVAL
                && !isAdmin.test(context.user(), context.channel())) {
            // Until approvals land this is the gate; the approval layer will turn it into a request instead.
            throw new UserFacingException("Opening port " + risky.get(0) + " to the whole internet (" + from
                    + ") needs an admin's approval. Open it to your own address instead (--from 203.0.113.7/32), "
                    + "or ask an admin to run it.");
        }
        SecurityGroupInfo group = target(context.region(), context.args().positional(0), ports);
        IngressRule rule = new IngressRule("tcp", ports.from(), ports.to(), from.block(), "deckhand: " + context.user());
        String what = "tcp " + ports + " from " + from + " on " + group.label() + " in " + context.region();
        if (context.args().has("dry-run")) {
            return Reply.ephemeral("Dry run: would open " + what + ". Nothing was changed.");
        }
        boolean added = groups.authorize(context.region(), group.id(), rule);
        if (!added) {
            return Reply.ephemeral(capitalize(what) + " was already open; nothing changed.");
        }
        context.touched(group.id());
        return Reply.builder().inChannel().body("Opened " + what + ".")
                .context(from.isWorld() ? "Anyone on the internet can now reach port " + ports + "." : "Only " + from + " can reach it.")
                .build();
    }

    private Reply close(CommandContext context) {
        PortRange ports = Inputs.portRange(context.args().positional(1));
        Cidr from = Inputs.cidr(context.args().flagOr("from", "0.0.0.0/0"));
        SecurityGroupInfo group = target(context.region(), context.args().positional(0), ports);
        String what = "tcp " + ports + " from " + from + " on " + group.label() + " in " + context.region();
        boolean present = group.ingress().stream().anyMatch(r -> r.protocol().equals("tcp") && r.fromPort() == ports.from()
                && r.toPort() == ports.to() && r.source().equalsIgnoreCase(from.block()));
        if (!present) {
            List<String> near = group.ingress().stream().filter(r -> r.covers(ports.from())).map(IngressRule::describe).toList();
            return Reply.ephemeral("There is no rule " + what + "; nothing changed."
                    + (near.isEmpty() ? "" : "\nRules that cover port " + ports.from() + ": " + String.join("; ", near)
                    + ". Name the source with --from."));
        }
        if (context.args().has("dry-run")) {
            return Reply.ephemeral("Dry run: would close " + what + ". Nothing was changed.");
        }
        groups.revoke(context.region(), group.id(), new IngressRule("tcp", ports.from(), ports.to(), from.block(), ""));
        context.touched(group.id());
        return Reply.inChannel("Closed " + what + ".");
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
        return instances.find(region, ref).orElseThrow(() -> new UserFacingException("No security group or instance '"
                + ref + "' in " + region + ". Give a group id (sg-0abc...), a group name, or an instance's id or Name tag; "
                + "add --region if it lives elsewhere."));
    }

    private boolean isWorldRisky(IngressRule rule) {
        return !rule.isGroupReference() && rule.source().endsWith("/0")
                && worldOpenPorts.stream().anyMatch(rule::covers);
    }

    private static String labels(List<SecurityGroupInfo> groups) {
        return String.join(", ", groups.stream().map(SecurityGroupInfo::label).toList());
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
