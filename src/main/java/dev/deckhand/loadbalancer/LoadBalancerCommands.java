package dev.deckhand.loadbalancer;

import dev.deckhand.dns.LoadBalancerRef;
import dev.deckhand.dns.LoadBalancerDirectory;
import dev.deckhand.access.Role;
import dev.deckhand.cert.CertificateInfo;
import dev.deckhand.cert.CertificateIssuer;
import dev.deckhand.chat.Reply;
import dev.deckhand.command.Change;
import dev.deckhand.command.CommandContext;
import dev.deckhand.command.CommandSpec;
import dev.deckhand.validate.UsageException;
import dev.deckhand.command.UserFacingException;
import dev.deckhand.dns.DnsRecord;
import dev.deckhand.dns.DnsService;
import dev.deckhand.dns.DnsZones;
import dev.deckhand.dns.HostedZone;
import dev.deckhand.loadbalancer.LoadBalancerGateway.ListenerInfo;
import dev.deckhand.loadbalancer.LoadBalancerGateway.TargetGroupInfo;
import dev.deckhand.loadbalancer.LoadBalancerGateway.TargetHealth;
import dev.deckhand.network.InstanceDirectory;
import dev.deckhand.network.InstanceRef;
import dev.deckhand.plan.Cost;
import dev.deckhand.plan.Effect;
import dev.deckhand.plan.Kind;
import dev.deckhand.plan.Owner;
import dev.deckhand.plan.Plan;
import dev.deckhand.plan.Target;
import dev.deckhand.pricing.PriceTable;
import dev.deckhand.stack.StackGateway;
import dev.deckhand.stack.StackResource;
import dev.deckhand.stack.StackTags;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code elb create|list|show|delete} for Application Load Balancers. {@code elb create} plans what it
 * creates (with the load balancer's monthly cost) and the existing instance it registers (so its owner
 * is judged); {@code elb delete} plans a deletion per listener, load balancer and target group, by ARN.
 */
public final class LoadBalancerCommands {

    private final LoadBalancerGateway gateway;
    private final LoadBalancerCreator creator;
    private final LoadBalancerDirectory directory;
    private final InstanceDirectory instances;
    private final DnsZones zones;
    private final StackGateway remover;
    private final PriceTable prices;
    private final CertificateIssuer issuer;
    private final DnsService dns;

    /** Plan details that carry a certificate the plan found to apply. */
    private static final String STACK = "Stack";
    private static final String ISSUED = "Certificate";
    private static final String PENDING = "Pending certificate";

    public LoadBalancerCommands(LoadBalancerGateway gateway, LoadBalancerCreator creator, LoadBalancerDirectory directory,
                                InstanceDirectory instances, DnsZones zones, StackGateway remover, PriceTable prices,
                                CertificateIssuer issuer, DnsService dns) {
        this.issuer = issuer;
        this.dns = dns;
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
                        .changes(new Create()),
                CommandSpec.command("elb list").usage("elb list").description("Lists load balancers with their monthly cost")
                        .example("elb list").flags("region").handledBy(this::list),
                CommandSpec.command("elb show").usage("elb show <name>")
                        .description("Shows a load balancer's listeners and its targets' health, with reasons")
                        .example("elb show shop").args(1, 1).flags("region").handledBy(this::show),
                CommandSpec.command("elb delete").usage("elb delete <name> [--dry-run]")
                        .description("Deletes a load balancer: listeners, the load balancer, then its target groups (needs approval)")
                        .example("elb delete shop").role(Role.DEPLOYER).args(1, 1).flags("region")
                        .changes(new Delete()));
    }

    /** {@code elb create}: creates the group, target group, load balancer and listeners; registers an existing instance. */
    private final class Create implements Change {

        @Override
        public Plan plan(CommandContext context) {
            Inputs in = inputs(context);
            String region = context.region();
            String user = context.user();
            InstanceRef instance = instances.require(region, in.instanceRef());
            if (directory.find(region, in.name()).isPresent()) {
                throw new UserFacingException("A load balancer named " + in.name() + " already exists in " + region
                        + ". `elb show " + in.name() + "` shows it; pick another name to make a new one.");
            }
            String stack = in.stack().orElse(instance.stack().isEmpty() ? in.name() : instance.stack());
            var subnets = creator.subnets(region, instance.vpcId());
            Plan.Builder plan = context.newPlan().detail(STACK, stack).detail("Port", Integer.toString(in.port()))
                    .detail("Health check", in.health()).detail("Zones", String.join(", ",
                            subnets.stream().map(LoadBalancerGateway.Subnet::availabilityZone).toList()));
            Target group = Target.created(Kind.SECURITY_GROUP, in.name() + "-alb", region, user, stack);
            Target targetGroup = Target.created(Kind.TARGET_GROUP, in.name() + "-tg", region, user, stack);
            plan.effect(new Effect.Create(group, Cost.ZERO));
            plan.effect(new Effect.Create(targetGroup, Cost.ZERO));
            plan.effect(new Effect.Register(targetGroup, instance.target(region), in.port()));
            plan.effect(new Effect.Create(Target.created(Kind.LOAD_BALANCER, in.name(), region, user, stack),
                    Cost.usd(prices.applicationLoadBalancer())));
            if (in.domain().isPresent()) {
                String domain = in.domain().get();
                HostedZone zone = zones.zoneFor(domain);
                certificate(context, plan, domain, zone, stack);
                plan.effect(new Effect.Create(Target.created(Kind.LISTENER, "HTTPS:443 of " + in.name(), region, user, stack),
                        Cost.ZERO));
                plan.effect(new Effect.Create(Target.created(Kind.LISTENER, "HTTP:80 of " + in.name()
                        + " (redirect to HTTPS)", region, user, stack), Cost.ZERO));
                plan.effect(alias(zone, domain, in.name()));
            } else {
                plan.effect(new Effect.Create(Target.created(Kind.LISTENER, "HTTP:80 of " + in.name(), region, user, stack),
                        Cost.ZERO));
            }
            instance.securityGroupIds().stream().limit(1).forEach(g -> plan.note("Lets " + group.label() + " reach port "
                    + in.port() + " on " + instance.label() + "'s group " + g + "."));
            return plan.note("Plus capacity units (LCU) by traffic.").build();
        }

        /** Reuses an issued certificate, picks up a pending one, or creates one with its validation record. */
        private void certificate(CommandContext context, Plan.Builder plan, String domain, HostedZone zone, String stack) {
            List<CertificateInfo> covering = issuer.covering(context.region(), domain);
            Optional<CertificateInfo> issued = covering.stream().filter(CertificateInfo::isIssued).findFirst();
            Optional<CertificateInfo> pending = covering.stream().filter(CertificateInfo::isPending).findFirst();
            if (issued.isPresent()) {
                plan.detail(ISSUED, issued.get().arn());
            } else if (pending.isPresent()) {
                plan.detail(PENDING, pending.get().arn());
            } else {
                plan.effect(new Effect.Create(Target.created(Kind.CERTIFICATE, domain, context.region(), context.user(), stack),
                        Cost.ZERO));
                plan.effect(new Effect.Create(Target.created(Kind.DNS_RECORD, "ACM validation CNAME for " + domain + " in "
                        + zone.name(), Target.GLOBAL, context.user(), stack), Cost.ZERO));
            }
        }

        /** The domain's A record as an alias to the new load balancer: what it holds now is replaced. */
        private Effect alias(HostedZone zone, String domain, String name) {
            List<DnsRecord> now = dns.records(zone.id()).stream()
                    .filter(r -> r.name().equalsIgnoreCase(domain) && r.type().equals("A")).toList();
            List<String> before = now.stream().map(r -> r.alias().map(a -> "alias → " + a.dnsName())
                    .orElse(String.join(", ", r.values()))).sorted().toList();
            Target record = new Target(Kind.DNS_RECORD, zone.id() + "|" + domain + "|A", Target.GLOBAL,
                    new Owner.Unreadable("Route 53 records carry no tags"), "", domain + " A",
                    now.isEmpty() ? "absent" : String.join("; ", before) + now.stream().map(r -> " ttl " + r.ttl())
                            .findFirst().orElse(""));
            return new Effect.ReplaceRecord(record, before, List.of("alias → load balancer " + name));
        }

        @Override
        public Reply apply(CommandContext context, Plan plan) {
            Inputs in = inputs(context);
            String region = plan.region();
            Effect.Register register = plan.effects().stream().filter(Effect.Register.class::isInstance)
                    .map(Effect.Register.class::cast).findFirst().orElseThrow();
            // By the id the plan named, never by the name again.
            InstanceRef instance = instances.require(region, register.instance().id());
            Optional<HostedZone> zone = in.domain().map(zones::zoneFor);
            LoadBalancerPlan build = new LoadBalancerPlan(in.name(), plan.details().get(STACK), context.user(), instance,
                    in.port(), in.health(), in.domain(), zone, Optional.ofNullable(plan.details().get(ISSUED)),
                    Optional.ofNullable(plan.details().get(PENDING)), CertificateIssuer.idempotencyToken(context.planId()));
            LoadBalancerCreator.Created created = creator.create(region, build, context.progress());
            context.touched(created.loadBalancer().arn());
            String cost = PriceTable.usd(prices.applicationLoadBalancer()) + "/month plus capacity units";
            Reply.Builder reply = Reply.builder().inChannel().header("Load balancer " + in.name() + " is up")
                    .field("DNS name", created.loadBalancer().dnsName())
                    .field("Listeners", String.join("; ", created.listeners()))
                    .field("Targets", health(created.health()))
                    .field("Cost", "about " + cost);
            in.domain().ifPresent(d -> reply.field("Address", "https://" + d));
            return reply.context("Targets start 'initial' and turn healthy after two passing checks; `elb show " + in.name()
                    + "` shows their health.").build();
        }
    }

    /** What {@code elb create} was asked, checked. */
    private record Inputs(String name, String instanceRef, int port, String health, Optional<String> domain,
                          Optional<String> stack) { }

    private static Inputs inputs(CommandContext context) {
        String name = dev.deckhand.validate.Inputs.name("load balancer", context.args().positional(0));
        if (name.length() > 29) {
            throw new UsageException("'" + name + "' is too long: a load balancer name may have 29 characters here "
                    + "(its target group is called <name>-tg, and AWS allows 32).", "For example: `elb create shop ...`.");
        }
        String instanceRef = context.args().flag("instance").orElseThrow(() -> new UsageException(
                "Say which instance the load balancer sends traffic to.", "Add --instance, e.g. `--instance web-1`."));
        int port = dev.deckhand.validate.Inputs.port(context.args().flagOr("port", "8080"));
        String health = healthPath(context.args().flagOr("health", "/"));
        Optional<String> domain = context.args().flag("domain").map(dev.deckhand.validate.Inputs::domain);
        Optional<String> stack = context.args().flag("stack").map(dev.deckhand.validate.Inputs::stack);
        return new Inputs(name, instanceRef, port, health, domain, stack);
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

    /** {@code elb delete}: its listeners, the load balancer, then its target groups, by ARN. */
    private final class Delete implements Change {

        @Override
        public Plan plan(CommandContext context) {
            String region = context.region();
            String name = context.args().positional(0);
            Optional<LoadBalancerRef> found = directory.find(region, name);
            if (found.isEmpty()) {
                return context.nothingToDo("No load balancer " + name + " in " + region + " (already deleted?); nothing to do.");
            }
            LoadBalancerRef lb = found.get();
            List<LoadBalancerGateway.ListenerInfo> listeners = gateway.listeners(region, lb.arn());
            List<LoadBalancerGateway.TargetGroupInfo> groups = gateway.targetGroups(region, lb.arn());
            List<String> arns = new ArrayList<>();
            arns.add(lb.arn());
            groups.forEach(g -> arns.add(g.arn()));
            Map<String, Map<String, String>> tags = gateway.tags(region, arns);
            Map<String, String> lbTags = tags.getOrDefault(lb.arn(), Map.of());
            Plan.Builder plan = context.newPlan();
            // Listeners carry no tags of Deckhand's: they are their load balancer's.
            listeners.forEach(l -> plan.effect(new Effect.Delete(new Target(Kind.LISTENER, l.arn(), region,
                    owner(lbTags), lbTags.getOrDefault(StackTags.STACK, ""), l.protocol() + ":" + l.port(),
                    l.protocol() + ":" + l.port() + " → " + l.action()), Cost.ZERO)));
            plan.effect(new Effect.Delete(new Target(Kind.LOAD_BALANCER, lb.arn(), region, owner(lbTags),
                    lbTags.getOrDefault(StackTags.STACK, ""), lb.name(), lb.dnsName() + " in " + lb.vpcId()),
                    Cost.usd(prices.applicationLoadBalancer()).negate()));
            groups.forEach(g -> {
                Map<String, String> t = tags.getOrDefault(g.arn(), Map.of());
                plan.effect(new Effect.Delete(new Target(Kind.TARGET_GROUP, g.arn(), region, owner(t),
                        t.getOrDefault(StackTags.STACK, ""), g.name(), "port " + g.port() + ", health check " + g.healthPath()),
                        Cost.ZERO));
            });
            // The group elb create made for the load balancer goes with it (the remover first revokes the rule
            // that let it reach the instance's group); a group it did not make is left alone.
            List<String> kept = new ArrayList<>();
            for (LoadBalancerGateway.GroupInfo g : gateway.securityGroups(region, lb.securityGroupIds())) {
                if (g.name().equals(lb.name() + "-alb") && g.tags().containsKey(StackTags.STACK)) {
                    plan.effect(new Effect.Delete(new Target(Kind.SECURITY_GROUP, g.id(), region, owner(g.tags()),
                            g.tags().get(StackTags.STACK), g.name(), g.name()), Cost.ZERO));
                    plan.note("Security group " + g.name() + " (" + g.id() + ") goes too, with the rule that let it "
                            + "reach the instance's group.");
                } else {
                    kept.add(g.name() + " (" + g.id() + ")");
                }
            }
            if (!kept.isEmpty()) {
                plan.note("Security group " + String.join(", ", kept) + " stays: elb create did not make it.");
            }
            return plan.build();
        }

        @Override
        public Reply apply(CommandContext context, Plan plan) {
            String region = plan.region();
            List<String> done = new ArrayList<>();
            List<String> inUse = new ArrayList<>();
            for (Effect e : plan.effects()) {
                StackResource r = StackResource.of(e.target());
                context.progress().report("Deleting " + r.describe() + "…");
                if (e.target().kind() == Kind.SECURITY_GROUP) {
                    if (creator.removeWhenFree(region, r)) {
                        context.touched(r.id());
                        done.add(r.describe());
                    } else {
                        inUse.add(r.describe());
                    }
                    continue;
                }
                if (remover.remove(region, r) == StackGateway.Removal.IN_USE) {
                    inUse.add(r.describe());
                } else {
                    context.touched(r.id());
                }
                done.add(r.describe());
            }
            String saved = PriceTable.usd(prices.applicationLoadBalancer()) + "/month";
            Reply.Builder reply = Reply.builder().inChannel().body("Deleted " + String.join(", ", done) + ". That saves about "
                    + saved + ".");
            if (!inUse.isEmpty()) {
                String stack = plan.effects().get(0).target().stack();
                reply.context("Still in use, so still there: " + String.join(", ", inUse) + ". "
                        + (stack.isEmpty() ? "Delete it in the AWS console in a minute."
                        : "`teardown " + stack + "` removes it in a minute."));
            }
            return reply.build();
        }
    }

    private static Owner owner(Map<String, String> tags) {
        return Owner.of(tags.get(StackTags.OWNER));
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
