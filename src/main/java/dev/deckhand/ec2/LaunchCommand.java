package dev.deckhand.ec2;

import dev.deckhand.chat.Button;
import dev.deckhand.chat.CommandRequest;
import dev.deckhand.chat.Reply;
import dev.deckhand.command.CommandContext;
import dev.deckhand.command.Handler;
import dev.deckhand.command.UserFacingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;

/**
 * {@code ec2 launch}: checks the request, shows the plan (region, AMI, type, ports, disk, monthly
 * cost), and unless it is a dry run creates or reuses the {@code deckhand-<name>} security group and
 * runs the instance with an idempotency token. Nothing in AWS changes before every check has passed;
 * a group created for a launch that then fails is removed again.
 */
public final class LaunchCommand implements Handler {

    private static final Logger log = LoggerFactory.getLogger(LaunchCommand.class);

    private final Ec2Service ec2;
    private final Ec2Costs costs;
    private final Clock clock;
    private final BiPredicate<String, String> isAdmin;

    /** @param isAdmin whether a user (in a channel) holds the admin role: SSH open to the world is for admins only */
    public LaunchCommand(Ec2Service ec2, Ec2Costs costs, Clock clock, BiPredicate<String, String> isAdmin) {
        this.ec2 = ec2;
        this.costs = costs;
        this.clock = clock;
        this.isAdmin = isAdmin;
    }

    @Override
    public Reply handle(CommandContext context) {
        LaunchSpec spec = LaunchOptions.parse(context.args(), context.region());
        // Approved requests pass: the approval policy holds world-open SSH until an approver accepts it.
        if (spec.opensSshToWorld() && context.request().origin() != CommandRequest.Origin.APPROVAL
                && !isAdmin.test(context.user(), context.channel())) {
            throw new UserFacingException("Opening SSH (22) to " + spec.from() + " lets anyone on the internet try to "
                    + "log in, so for now only admins may do it. Use --from <your-ip>/32 (e.g. --from 203.0.113.7/32), "
                    + "leave out 22, or ask an admin.");
        }
        LaunchPlan plan = plan(spec, context);
        if (context.args().has("dry-run")) {
            return dryRun(plan);
        }
        context.progress().report("Plan: " + summary(plan));
        return launch(plan, context);
    }

    private LaunchPlan plan(LaunchSpec spec, CommandContext context) {
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
        Ami ami = ec2.resolveAmi(spec.region(), spec.ami());
        Instant now = clock.instant();
        // Derived from the token's window, not from now, so a retried request sends identical tags.
        Optional<Instant> expires = spec.ttl().map(ttl -> ClientTokens.windowStart(now).plus(ttl));
        List<String> warnings = new ArrayList<>();
        if (spec.opensSshToWorld()) {
            warnings.add("Warning: SSH (22) is open to " + spec.from() + ": anyone on the internet can try to log in. "
                    + "Prefer --from <your-ip>/32.");
        }
        String token = ClientTokens.token(context.user(), context.channel(), LaunchOptions.canonicalCommand(spec), now);
        return new LaunchPlan(spec, ami, expires, costs.launch(spec), warnings, token, costs.httpsPaths());
    }

    private Reply dryRun(LaunchPlan plan) {
        Reply.Builder reply = Reply.builder().header("Plan: launch " + plan.spec().name() + " (dry run)")
                .body("Nothing was changed. `ec2 launch` would do this in " + plan.spec().region() + ":");
        plan.warnings().forEach(reply::line);
        planFields(reply, plan);
        return reply.button(Button.primary("Launch", LaunchOptions.canonicalCommand(plan.spec()))).build();
    }

    private Reply launch(LaunchPlan plan, CommandContext context) {
        LaunchSpec spec = plan.spec();
        Map<String, String> tags = tags(plan, context.user());
        Map<String, String> groupTags = new LinkedHashMap<>(tags);
        groupTags.put("Name", spec.securityGroupName());
        SecurityGroupResult group = ec2.ensureSecurityGroup(new SecurityGroupRequest(spec.region(),
                spec.securityGroupName(), "Deckhand stack " + spec.name() + ": inbound " + ports(spec),
                spec.ingressRules(), groupTags));
        if (group.changed()) {
            context.touched(group.id());
        }
        context.progress().report("Security group " + spec.securityGroupName() + " (" + group.id() + ") "
                + (group.created() ? "created" : group.added().isEmpty() ? "reused" : "reused, rules added") + ".");
        Launched launched;
        try {
            launched = ec2.launch(new LaunchOrder(spec.region(), spec.type(), plan.ami(), spec.keyName(),
                    List.of(group.id()), spec.diskGb(), tags, plan.clientToken(),
                    spec.app().map(AppSetup::userData).orElse("")));
        } catch (RuntimeException e) {
            if (group.created()) {
                removeGroup(spec.region(), group.id());
            }
            throw e;
        }
        context.touched(launched.instanceId());
        Reply.Builder reply = Reply.builder().inChannel().header("Launched " + spec.name())
                .body(context.user() + " launched " + spec.name() + " (" + launched.instanceId() + ") in "
                        + spec.region() + ".");
        plan.warnings().forEach(reply::line);
        reply.field("ID", launched.instanceId()).field("State", launched.state().label());
        planFields(reply, plan);
        reply.field("Security group", spec.securityGroupName() + " (" + group.id() + ")");
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

    private static Map<String, String> tags(LaunchPlan plan, String owner) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("Name", plan.spec().name());
        tags.put("deckhand:stack", plan.spec().name());
        tags.put("deckhand:owner", owner);
        plan.expiresAt().ifPresent(at -> tags.put("deckhand:expires", at.toString()));
        return tags;
    }

    private static void planFields(Reply.Builder reply, LaunchPlan plan) {
        LaunchSpec spec = plan.spec();
        LaunchPlan.Cost cost = plan.cost();
        reply.field("Region", spec.region())
                .field("AMI", plan.ami().describe())
                .field("Type", spec.type())
                .field("Ports", ports(spec))
                .field("Disk", spec.diskGb() + " GB gp3, deleted with the instance")
                .field("Key pair", spec.keyName().isEmpty() ? "none" : spec.keyName())
                .field("Expires", plan.expiresAt().map(Instant::toString).orElse("never (no --ttl)"))
                .field("Cost/month", "~" + Ec2Costs.usd(cost.total()));
        spec.app().ifPresent(app -> reply.field("App", app.describe() + appReach(spec, app)));
        if (spec.app().isPresent()) {
            reply.field("HTTPS options", plan.httpsPaths());
        }
        reply.context("Estimate: " + cost.instance().map(i -> "instance " + Ec2Costs.usd(i) + " + ").orElse("")
                + "disk " + Ec2Costs.usd(cost.disk()) + " + public IPv4 " + Ec2Costs.usd(cost.publicIpv4())
                + " per month (price table of " + cost.tableDate() + ")"
                + (cost.note().isEmpty() ? "" : "; " + cost.note()) + ".");
        spec.app().flatMap(AppSetup::nginxDomain).ifPresent(domain -> reply.context("certbot asks for the certificate "
                + "on first boot: point " + domain + " at the instance soon (`eip allocate --for " + spec.name()
                + "`, then `dns point " + domain + " " + spec.name() + "`); the boot log says how to retry if it was too early."));
    }

    /** Where the app can be reached: nginx serves 80/443; the direct path needs its port in --open (not added for you). */
    private static String appReach(LaunchSpec spec, AppSetup app) {
        if (app.nginxDomain().isPresent()) {
            return "; nginx on 80/443, the app's port stays closed";
        }
        if (spec.ports().contains(app.port())) {
            return "; port " + app.port() + " is open to " + spec.from();
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
        return spec.ports().stream().map(String::valueOf).collect(Collectors.joining(", ")) + " from " + spec.from();
    }

    private static String summary(LaunchPlan plan) {
        LaunchSpec s = plan.spec();
        return s.type() + " " + s.name() + " in " + s.region() + ", AMI " + plan.ami().describe() + ", ports "
                + ports(s) + ", " + s.diskGb() + " GB gp3, ~" + Ec2Costs.usd(plan.cost().total()) + "/month";
    }
}
