package dev.deckhand.loadbalancer;

import dev.deckhand.access.Role;
import dev.deckhand.chat.Reply;
import dev.deckhand.command.CommandContext;
import dev.deckhand.command.CommandSpec;
import dev.deckhand.command.UsageException;
import dev.deckhand.command.UserFacingException;
import dev.deckhand.dns.DnsZones;
import dev.deckhand.dns.HostedZone;
import dev.deckhand.loadbalancer.LoadBalancerGateway.ListenerInfo;
import dev.deckhand.loadbalancer.LoadBalancerGateway.TargetGroupInfo;
import dev.deckhand.loadbalancer.LoadBalancerGateway.TargetHealth;
import dev.deckhand.network.InstanceDirectory;
import dev.deckhand.network.InstanceRef;
import dev.deckhand.pricing.PriceTable;
import dev.deckhand.stack.Billing;
import dev.deckhand.stack.ResourceKind;
import dev.deckhand.stack.StackGateway;
import dev.deckhand.stack.StackResource;
import dev.deckhand.validate.Inputs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code elb create|list|show|delete} for Application Load Balancers. {@code elb delete} needs the admin
 * role until the approval layer gates it.
 */
public final class LoadBalancerCommands {

    private final LoadBalancerGateway gateway;
    private final LoadBalancerCreator creator;
    private final LoadBalancerDirectory directory;
    private final InstanceDirectory instances;
    private final DnsZones zones;
    private final StackGateway remover;
    private final PriceTable prices;

    public LoadBalancerCommands(LoadBalancerGateway gateway, LoadBalancerCreator creator, LoadBalancerDirectory directory,
                                InstanceDirectory instances, DnsZones zones, StackGateway remover, PriceTable prices) {
        this.gateway = gateway;
        this.creator = creator;
        this.directory = directory;
        this.instances = instances;
        this.zones = zones;
        this.remover = remover;
        this.prices = prices;
    }

    public List<CommandSpec> commands() {
        return List.of(
                CommandSpec.command("elb create")
                        .usage("elb create <name> --instance <id|name> [--port 8080] [--health /health] [--domain api.example.com] [--dry-run]")
                        .description("Puts an Application Load Balancer (HTTPS with --domain) in front of an instance")
                        .example("elb create shop --instance web-1 --port 8080 --health /health --domain shop.example.com")
                        .role(Role.DEPLOYER).args(1, 1).flags("instance", "port", "health", "domain", "stack", "region")
                        .switches("dry-run").mutating().handledBy(this::create),
                CommandSpec.command("elb list").usage("elb list").description("Lists load balancers with their monthly cost")
                        .example("elb list").flags("region").handledBy(this::list),
                CommandSpec.command("elb show").usage("elb show <name>")
                        .description("Shows a load balancer's listeners and its targets' health, with reasons")
                        .example("elb show shop").args(1, 1).flags("region").handledBy(this::show),
                // Admin until approvals gate it (approvals.actions lists "elb delete").
                CommandSpec.command("elb delete").usage("elb delete <name> [--dry-run]")
                        .description("Deletes a load balancer: listeners, the load balancer, then its target groups (needs approval)")
                        .example("elb delete shop").role(Role.DEPLOYER).args(1, 1).flags("region").switches("dry-run")
                        .mutating().handledBy(this::delete));
    }

    private Reply create(CommandContext context) {
        String region = context.region();
        String name = Inputs.name("load balancer", context.args().positional(0));
        if (name.length() > 29) {
            throw new UsageException("'" + name + "' is too long: a load balancer name may have 29 characters here "
                    + "(its target group is called <name>-tg, and AWS allows 32).", "For example: `elb create shop ...`.");
        }
        String instanceRef = context.args().flag("instance").orElseThrow(() -> new UsageException(
                "Say which instance the load balancer sends traffic to.", "Add --instance, e.g. `--instance web-1`."));
        int port = Inputs.port(context.args().flagOr("port", "8080"));
        String health = healthPath(context.args().flagOr("health", "/"));
        Optional<String> domain = context.args().flag("domain").map(Inputs::domain);
        Optional<String> stackFlag = context.args().flag("stack").map(Inputs::stack);
        Optional<HostedZone> zone = domain.map(zones::zoneFor);
        InstanceRef instance = instances.require(region, instanceRef);
        if (directory.find(region, name).isPresent()) {
            throw new UserFacingException("A load balancer named " + name + " already exists in " + region
                    + ". `elb show " + name + "` shows it; pick another name to make a new one.");
        }
        String stack = stackFlag.orElse(instance.stack().isEmpty() ? name : instance.stack());
        LoadBalancerPlan plan = new LoadBalancerPlan(name, stack, context.user(), instance, port, health, domain, zone);
        String cost = PriceTable.usd(prices.applicationLoadBalancer()) + "/month plus capacity units";
        if (context.args().has("dry-run")) {
            var subnets = creator.subnets(region, instance.vpcId());
            return Reply.builder().header("Dry run: elb create " + name)
                    .line("Would create, in " + region + " for stack " + stack + ":")
                    .line("• security group " + plan.securityGroupName() + " (80 and 443 from anywhere)")
                    .line("• target group " + plan.targetGroupName() + " → " + instance.label() + ":" + port
                            + ", health check " + health)
                    .line("• load balancer " + name + " in " + subnets.size() + " zones: " + String.join(", ",
                            subnets.stream().map(LoadBalancerGateway.Subnet::availabilityZone).toList()))
                    .line(domain.map(d -> "• HTTPS:443 with a certificate for " + d + ", HTTP:80 redirecting to HTTPS, "
                            + "and " + d + " as an alias").orElse("• HTTP:80 forwarding (add --domain for HTTPS)"))
                    .line("Cost: about " + cost + ". Nothing was changed.").build();
        }
        LoadBalancerCreator.Created created = creator.create(region, plan, context.progress());
        context.touched(created.loadBalancer().arn());
        Reply.Builder reply = Reply.builder().inChannel().header("Load balancer " + name + " is up")
                .field("DNS name", created.loadBalancer().dnsName())
                .field("Listeners", String.join("; ", created.listeners()))
                .field("Targets", health(created.health()))
                .field("Cost", "about " + cost);
        domain.ifPresent(d -> reply.field("Address", "https://" + d));
        return reply.context("Targets start 'initial' and turn healthy after two passing checks; `elb show " + name
                + "` shows their health.").build();
    }

    private Reply list(CommandContext context) {
        List<LoadBalancerRef> all = gateway.list(context.region());
        if (all.isEmpty()) {
            return Reply.ephemeral("No load balancers in " + context.region() + ".");
        }
        Reply.Builder reply = Reply.builder().header("Load balancers in " + context.region());
        all.forEach(lb -> reply.line("*" + lb.name() + "* " + lb.state() + " `" + lb.dnsName() + "`  about "
                + PriceTable.usd(prices.applicationLoadBalancer()) + "/month"));
        return reply.build();
    }

    private Reply show(CommandContext context) {
        LoadBalancerRef lb = require(context.region(), context.args().positional(0));
        Reply.Builder reply = Reply.builder().header("Load balancer " + lb.name()).field("State", lb.state())
                .field("DNS name", lb.dnsName());
        for (ListenerInfo listener : gateway.listeners(context.region(), lb.arn())) {
            reply.line(listener.protocol() + ":" + listener.port() + " → " + listener.action());
        }
        for (TargetGroupInfo group : gateway.targetGroups(context.region(), lb.arn())) {
            reply.line("Target group *" + group.name() + "* (port " + group.port() + ", health check " + group.healthPath() + "):");
            List<TargetHealth> health = gateway.targetHealth(context.region(), group.arn());
            if (health.isEmpty()) {
                reply.line("  no targets registered");
            }
            health.forEach(h -> reply.line("  • " + h.targetId() + ":" + h.port() + " " + h.state()
                    + (h.reason().isEmpty() ? "" : " — " + h.reason() + (h.description().isEmpty() ? "" : ": " + h.description()))));
        }
        return reply.build();
    }

    private Reply delete(CommandContext context) {
        String region = context.region();
        String name = context.args().positional(0);
        Optional<LoadBalancerRef> found = directory.find(region, name);
        if (found.isEmpty()) {
            return Reply.ephemeral("No load balancer " + name + " in " + region + " (already deleted?); nothing to do.");
        }
        LoadBalancerRef lb = found.get();
        List<StackResource> doomed = new ArrayList<>();
        gateway.listeners(region, lb.arn()).forEach(l -> doomed.add(new StackResource(ResourceKind.LISTENER, l.arn(),
                l.protocol() + ":" + l.port(), Billing.NONE)));
        doomed.add(new StackResource(ResourceKind.LOAD_BALANCER, lb.arn(), lb.name(), Billing.alb()));
        gateway.targetGroups(region, lb.arn()).forEach(g -> doomed.add(new StackResource(ResourceKind.TARGET_GROUP, g.arn(),
                g.name(), Billing.NONE)));
        String list = String.join(", ", doomed.stream().map(StackResource::describe).toList());
        String saved = PriceTable.usd(prices.applicationLoadBalancer()) + "/month";
        if (context.args().has("dry-run")) {
            return Reply.ephemeral("Dry run: would delete " + list + ", saving about " + saved + ". Nothing was changed.");
        }
        List<String> inUse = new ArrayList<>();
        for (StackResource r : doomed) {
            context.progress().report("Deleting " + r.describe() + "…");
            if (remover.remove(region, r) == StackGateway.Removal.IN_USE) {
                inUse.add(r.describe());
            } else {
                context.touched(r.id());
            }
        }
        return Reply.builder().inChannel().body("Deleted " + list + ". That saves about " + saved + ".")
                .context(inUse.isEmpty() ? "Its security group stays (it is free); `teardown <stack>` removes it."
                        : "Still in use, try again in a minute: " + String.join(", ", inUse) + ".")
                .build();
    }

    private LoadBalancerRef require(String region, String name) {
        return directory.find(region, name).orElseThrow(() -> new UserFacingException("No load balancer " + name + " in "
                + region + ". `elb list` shows them; add --region if it lives elsewhere."));
    }

    private static String health(List<TargetHealth> health) {
        return health.isEmpty() ? "none registered" : String.join("; ", health.stream()
                .map(h -> h.targetId() + " " + h.state() + (h.reason().isEmpty() ? "" : " (" + h.reason() + ")")).toList());
    }

    static String healthPath(String raw) {
        if (raw.length() > 1024 || !raw.matches("/[A-Za-z0-9._~/-]*")) {
            throw new UsageException("'" + raw + "' is not a health check path.",
                    "It starts with / and has only letters, digits and . _ ~ / -, e.g. `--health /health`.");
        }
        return raw;
    }
}
