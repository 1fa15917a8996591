package dev.deckhand.ec2;

import dev.deckhand.chat.Button;
import dev.deckhand.chat.Reply;
import dev.deckhand.command.Change;
import dev.deckhand.command.CommandContext;
import dev.deckhand.command.UserFacingException;
import dev.deckhand.deploy.AppRuntime;
import dev.deckhand.network.IngressRule;
import dev.deckhand.plan.Cost;
import dev.deckhand.plan.Effect;
import dev.deckhand.plan.Kind;
import dev.deckhand.plan.Owner;
import dev.deckhand.plan.Plan;
import dev.deckhand.plan.Target;
import dev.deckhand.validate.AddressSet;
import dev.deckhand.validate.ExposureLimit;
import dev.deckhand.validate.Inputs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@code ec2 launch}. The plan checks the request (name free, key pair, AMI), prices it (unknown when
 * the type is not in the price table), and says what happens to the {@code deckhand-<name>} security
 * group: created, or reused with its existing rules, which then count towards the exposure of every
 * port it opens and make the group's owner matter. Apply creates or extends the group and runs the
 * instance with a client token derived from the plan id. A group created for a launch that then
 * fails is removed again.
 */
public final class LaunchCommand implements Change {

    private static final Logger log = LoggerFactory.getLogger(LaunchCommand.class);
    static final String EXPIRES = "Expires";
    private static final String NO_EXPIRY = "never (no --ttl)";

    private final Ec2Service ec2;
    private final Ec2Costs costs;
    private final Clock clock;

    public LaunchCommand(Ec2Service ec2, Ec2Costs costs, Clock clock) {
        this.ec2 = ec2;
        this.costs = costs;
        this.clock = clock;
    }

    @Override
    public Plan plan(CommandContext context) {
        LaunchSpec spec = LaunchOptions.parse(context.args(), context.region());
        context.progress().report("Checking " + spec.name() + " in " + spec.region() + "...");
        List<InstanceSummary> existing = ec2.find(spec.region(), spec.name());
        if (!existing.isEmpty()) {
            InstanceSummary i = existing.get(0);
            throw new UserFacingException("An instance named " + spec.name() + " already exists in " + spec.region()
                    + " (" + i.id() + ", " + i.state().label() + "). Pick another name, or see it with `ec2 show "
                    + spec.name() + "`.");
        }
        if (!spec.keyName().isEmpty()) {
            List<String> keys = ec2.keyPairs(spec.region());
            if (!keys.contains(spec.keyName())) {
                throw new UserFacingException(Ec2Messages.missingKeyPair(spec.keyName(), spec.region(), keys));
            }
        }
        Ami ami = ec2.resolveAmi(spec.region(), spec.ami(), spec.type());
        // What the card shows; apply counts the TTL again from the moment of launch (an approval may come hours later).
        Optional<Instant> expires = spec.ttl().map(ttl -> clock.instant().truncatedTo(ChronoUnit.SECONDS).plus(ttl));
        Optional<ExistingGroup> group = ec2.securityGroupNamed(spec.region(), spec.securityGroupName());
        String requester = context.user();

        Plan.Builder plan = context.newPlan();
        Target instance = new Target(Kind.INSTANCE, "new:" + spec.name(), spec.region(), new Owner.User(requester),
                spec.name(), spec.name(), amiFingerprint(ami));
        plan.effect(new Effect.Launch(instance, spec.type(), spec.diskGb(), costs.launchMonthly(spec)));
        Target groupTarget;
        if (group.isEmpty()) {
            groupTarget = Target.created(Kind.SECURITY_GROUP, spec.securityGroupName(), spec.region(), requester,
                    spec.name());
            plan.effect(new Effect.Create(groupTarget, Cost.ZERO));
        } else {
            ExistingGroup g = group.get();
            groupTarget = new Target(Kind.SECURITY_GROUP, g.id(), spec.region(), Owner.of(g.owner()), g.stack(),
                    g.name() + " (" + g.id() + ")", g.fingerprint());
            plan.note("Reuses security group " + groupTarget.label() + " (owner "
                    + groupTarget.owner().describe() + (g.stack().isEmpty() ? "" : ", stack " + g.stack())
                    + "); its existing rules stay: " + (g.inbound().isEmpty() ? "none"
                    : g.inbound().stream().map(IngressRule::describe).collect(Collectors.joining("; "))) + ".");
            List<IngressRule> extra = extraRules(g, spec);
            if (!extra.isEmpty()) {
                String rules = extra.stream().map(IngressRule::describe).collect(Collectors.joining("; "));
                plan.detail("Rules not asked for", rules);
                plan.effect(new Effect.Confirm(groupTarget, "Reuses " + groupTarget.label() + ", whose rules differ from "
                        + "what this launch asks for: it also admits " + rules));
            }
        }
        List<Effect.OpenPorts> opens = openPorts(spec, groupTarget, group.map(ExistingGroup::inbound).orElse(List.of()));
        opens.forEach(plan::effect);
        for (Effect.OpenPorts open : opens) {
            if (open.covers(LaunchSpec.SSH) && addresses(open.rangesAfter()).exceeds(ExposureLimit.DEFAULT)) {
                plan.note("Warning: SSH (22) is open to " + String.join(", ", open.rangesAfter())
                        + ": anyone on the internet can try to log in. Prefer --from <your-ip>/32.");
            }
        }
        details(plan, spec, ami, expires);
        return plan.build();
    }

    /**
     * One effect per port the launch opens, and, for a reused group, one per port range its other
     * rules already open: each with every range that admits it afterwards and the public addresses
     * those admit together. Rules from other groups (sg-) admit no internet address; a prefix list
     * (pl-) cannot be read here, so it counts as the whole internet (fail closed, as {@code sg open}).
     */
    static List<Effect.OpenPorts> openPorts(LaunchSpec spec, Target group, List<IngressRule> existing) {
        List<IngressRule> cidrRules = existing.stream()
                .filter(r -> r.protocol().equals("tcp") || r.protocol().equals("-1"))
                .filter(r -> !r.isGroupReference())
                .toList();
        List<Effect.OpenPorts> effects = new ArrayList<>();
        for (int port : spec.ports()) {
            TreeSet<String> after = new TreeSet<>(spec.rangesFor(port));
            cidrRules.stream().filter(r -> r.covers(port)).forEach(r -> after.add(r.source()));
            effects.add(open(group, port, port, spec.rangesFor(port), after));
        }
        Map<Span, List<IngressRule>> inherited = new TreeMap<>(Comparator.comparingInt(Span::from).thenComparingInt(Span::to));
        for (IngressRule r : cidrRules) {
            Span span = Span.of(r);
            if (span.from() == span.to() && spec.ports().contains(span.from())) {
                continue; // counted with the port the launch asks for
            }
            inherited.computeIfAbsent(span, k -> new ArrayList<>()).add(r);
        }
        inherited.forEach((span, rules) -> {
            int from = span.from();
            int to = span.to();
            TreeSet<String> after = new TreeSet<>();
            // Every rule that admits any of these ports counts: over-counting holds, under-counting would let through.
            cidrRules.stream().filter(r -> overlaps(r, from, to)).forEach(r -> after.add(r.source()));
            spec.ports().stream().filter(p -> from <= p && p <= to).forEach(p -> after.addAll(spec.rangesFor(p)));
            effects.add(open(group, from, to, rules.stream().map(IngressRule::source).distinct().sorted().toList(), after));
        });
        return effects;
    }

    /** A reused group's inbound rules that the launch did not ask for (same protocol, ports and source). */
    static List<IngressRule> extraRules(ExistingGroup group, LaunchSpec spec) {
        List<String> asked = spec.ingressRules().stream().map(LaunchCommand::key).toList();
        return group.inbound().stream().filter(r -> !asked.contains(key(r))).toList();
    }

    private static String key(IngressRule r) {
        return r.protocol() + " " + r.fromPort() + "-" + r.toPort() + " " + r.source();
    }

    /** The ports a rule admits: all of them for an all-traffic rule. */
    private record Span(int from, int to) {
        static Span of(IngressRule r) {
            return r.protocol().equals("-1") ? new Span(0, 65535) : new Span(r.fromPort(), r.toPort());
        }
    }

    private static boolean overlaps(IngressRule r, int from, int to) {
        Span span = Span.of(r);
        return span.from() <= to && from <= span.to();
    }

    private static final List<Inputs.Cidr> WHOLE_INTERNET = List.of(Inputs.cidr("0.0.0.0/0"), Inputs.cidr("::/0"));

    /** What rule sources admit together; a prefix list, which cannot be read here, as the whole internet. */
    private static AddressSet addresses(java.util.Collection<String> sources) {
        return AddressSet.of(sources.stream()
                .flatMap(range -> range.startsWith("pl-") ? WHOLE_INTERNET.stream() : java.util.stream.Stream.of(Inputs.cidr(range)))
                .toList());
    }

    private static Effect.OpenPorts open(Target group, int from, int to, List<String> added, TreeSet<String> after) {
        AddressSet addresses = addresses(after);
        return new Effect.OpenPorts(group, from, to, added, List.copyOf(after), addresses.publicIpv4Addresses(),
                addresses.publicIpv6Addresses());
    }

    private void details(Plan.Builder plan, LaunchSpec spec, Ami ami, Optional<Instant> expires) {
        LaunchEstimate cost = costs.launch(spec);
        plan.detail("AMI", ami.describe())
                .detail("Type", spec.type())
                .detail("Ports", ports(spec))
                .detail("Disk", spec.diskGb() + " GB gp3, deleted with the instance")
                .detail("Key pair", spec.keyName().isEmpty() ? "none" : spec.keyName())
                .detail(EXPIRES, expires.map(Instant::toString).orElse(NO_EXPIRY));
        spec.app().ifPresent(app -> plan.detail("App", app.describe() + appReach(spec, app)));
        if (spec.app().isPresent()) {
            plan.detail("HTTPS options", costs.httpsPaths());
        }
        plan.note("Estimate: " + cost.instance().map(i -> "instance " + Ec2Costs.usd(i) + " + ").orElse("")
                + "disk " + Ec2Costs.usd(cost.disk()) + " + public IPv4 " + Ec2Costs.usd(cost.publicIpv4())
                + " per month (price table of " + cost.tableDate() + ")"
                + (cost.note().isEmpty() ? "" : "; " + cost.note()) + ".");
        if (spec.nginxPortsWiderThanFrom()) {
            plan.note("--https nginx keeps 80 and 443 open to everyone (0.0.0.0/0): certbot's HTTP check and the site's "
                    + "visitors need them; --from " + spec.from() + " narrows only the other ports.");
        }
        spec.app().flatMap(a -> a.artifact().warning()).ifPresent(plan::note);
        spec.app().filter(a -> !a.artifact().shown().equals(a.artifact().url())).ifPresent(a -> plan.note(
                "The artifact URL's query string (e.g. a pre-signed signature) is not shown or stored; only the instance gets it."));
        spec.app().filter(a -> a.artifact().isS3()).ifPresent(a -> plan.note("The instance reads the artifact with its own "
                + "role: launch it with an instance profile that may s3:GetObject it."));
        spec.app().flatMap(AppSetup::nginxDomain).ifPresent(domain -> plan.note("certbot asks for the certificate "
                + "on first boot: point " + domain + " at the instance soon (`eip allocate --for " + spec.name()
                + "`, then `dns point " + domain + " " + spec.name() + "`); the boot log says how to retry if it was too early."));
    }

    @Override
    public Reply apply(CommandContext context, Plan plan) {
        LaunchSpec spec = LaunchOptions.parse(context.args(), context.region());
        Effect.Launch launchEffect = plan.effects().stream().filter(Effect.Launch.class::isInstance)
                .map(Effect.Launch.class::cast).findFirst()
                .orElseThrow(() -> new IllegalStateException("a launch plan launches"));
        Ami ami = amiOf(launchEffect.target().fingerprint(), spec.ami());
        Target group = plan.effects().stream().map(Effect::target).filter(t -> t.kind() == Kind.SECURITY_GROUP)
                .findFirst().orElseThrow(() -> new IllegalStateException("a launch plan names its group"));
        context.progress().report("Plan: " + summary(spec, ami, launchEffect.monthlyChange()));
        // The TTL counts from now, the launch, to the second: not from the plan, nor from a rounded window.
        String expires = spec.ttl().map(ttl -> clock.instant().truncatedTo(ChronoUnit.SECONDS).plus(ttl).toString())
                .orElse(NO_EXPIRY);
        Map<String, String> tags = tags(spec, context.user(), expires);
        String groupId;
        boolean created;
        if (group.isNew()) {
            Map<String, String> groupTags = new LinkedHashMap<>(tags);
            groupTags.put("Name", spec.securityGroupName());
            SecurityGroupResult result = ec2.ensureSecurityGroup(new SecurityGroupRequest(spec.region(),
                    spec.securityGroupName(), "Deckhand stack " + spec.name() + ": inbound " + ports(spec),
                    spec.ingressRules(), groupTags));
            groupId = result.id();
            created = result.created();
            context.touched(groupId);
            context.progress().report("Security group " + spec.securityGroupName() + " (" + groupId + ") "
                    + (created ? "created" : result.added().isEmpty() ? "reused" : "reused, rules added") + ".");
        } else {
            groupId = group.id();
            created = false;
            List<String> present = List.of(group.fingerprint().split(", "));
            List<IngressRule> missing = spec.ingressRules().stream()
                    .filter(r -> !present.contains(r.protocol() + " " + r.fromPort() + "-" + r.toPort() + " " + r.source()))
                    .toList();
            ec2.addIngress(spec.region(), groupId, missing);
            if (!missing.isEmpty()) {
                context.touched(groupId);
            }
            context.progress().report("Security group " + group.label() + " " + (missing.isEmpty() ? "reused"
                    : "reused, rules added") + ".");
        }
        Launched launched;
        try {
            launched = ec2.launch(new LaunchOrder(spec.region(), spec.type(), ami, spec.keyName(), List.of(groupId),
                    spec.diskGb(), tags, ClientTokens.token(context.planId()),
                    spec.app().map(AppSetup::userData).orElse("")));
        } catch (RuntimeException e) {
            if (created) {
                removeGroup(spec.region(), groupId);
            }
            throw e;
        }
        context.touched(launched.instanceId());
        Reply.Builder reply = Reply.builder().inChannel().header("Launched " + spec.name())
                .body(context.user() + " launched " + spec.name() + " (" + launched.instanceId() + ") in "
                        + spec.region() + ".");
        plan.notes().stream().filter(n -> n.startsWith("Warning")).forEach(reply::line);
        reply.field("ID", launched.instanceId()).field("State", launched.state().label()).field("Region", spec.region());
        plan.details().forEach(reply::field);
        reply.field("Cost/month", describe(launchEffect.monthlyChange()));
        reply.field("Security group", spec.securityGroupName() + " (" + groupId + ")");
        plan.notes().stream().filter(n -> !n.startsWith("Warning")).forEach(reply::context);
        reply.context("It boots in a minute or two; then `ec2 show " + spec.name() + "` shows its public IP.");
        return reply.button(Button.of("Show", "ec2 show " + launched.instanceId() + " --region " + spec.region())).build();
    }

    private void removeGroup(String region, String groupId) {
        try {
            ec2.deleteSecurityGroup(region, groupId);
        } catch (RuntimeException cleanup) {
            log.warn("Could not remove security group {} in {} after a failed launch", groupId, region, cleanup);
        }
    }

    /** What the plan pins of the image: its id and root device, so apply launches the image that was shown. */
    private static String amiFingerprint(Ami ami) {
        return ami.id() + " " + ami.rootDevice();
    }

    private static Ami amiOf(String fingerprint, String requested) {
        int space = fingerprint.indexOf(' ');
        return new Ami(fingerprint.substring(0, space), requested, "", fingerprint.substring(space + 1));
    }

    private static Map<String, String> tags(LaunchSpec spec, String owner, String expires) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("Name", spec.name());
        tags.put("deckhand:stack", spec.name());
        tags.put("deckhand:owner", owner);
        spec.app().ifPresent(app -> tags.put(AppRuntime.TAG, app.runtime().label()));
        if (expires != null && !expires.equals(NO_EXPIRY)) {
            tags.put("deckhand:expires", expires);
        }
        return tags;
    }

    private static String describe(Cost cost) {
        return cost instanceof Cost.Known k ? "~" + Ec2Costs.usd(k.usdPerMonth()) : cost.toString();
    }

    /** Where the app can be reached: nginx serves 80/443; the direct path needs its port in --open (not added for you). */
    private static String appReach(LaunchSpec spec, AppSetup app) {
        if (app.nginxDomain().isPresent()) {
            return "; nginx on 80/443, the app's port stays closed";
        }
        if (spec.ports().contains(app.port())) {
            return "; port " + app.port() + " is open to " + String.join(", ", spec.rangesFor(app.port()));
        }
        List<Integer> wanted = new ArrayList<>(spec.ports());
        wanted.add(app.port());
        return "; port " + app.port() + " is not in --open, so only the instance itself reaches it: add it, e.g. --open "
                + wanted.stream().sorted().map(String::valueOf).collect(Collectors.joining(","))
                + ", or use --https nginx --domain <fqdn>";
    }

    private static String ports(LaunchSpec spec) {
        if (spec.ports().isEmpty()) {
            return "none";
        }
        Map<List<String>, List<Integer>> byRanges = new LinkedHashMap<>();
        spec.ports().forEach(p -> byRanges.computeIfAbsent(spec.rangesFor(p), k -> new ArrayList<>()).add(p));
        return byRanges.entrySet().stream().map(e -> e.getValue().stream().map(String::valueOf)
                .collect(Collectors.joining(", ")) + " from " + String.join(", ", e.getKey())).collect(Collectors.joining("; "));
    }

    private static String summary(LaunchSpec s, Ami ami, Cost cost) {
        return s.type() + " " + s.name() + " in " + s.region() + ", AMI " + ami.describe() + ", ports "
                + ports(s) + ", " + s.diskGb() + " GB gp3, " + describe(cost) + "/month";
    }
}
