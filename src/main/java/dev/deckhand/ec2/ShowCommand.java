package dev.deckhand.ec2;

import dev.deckhand.chat.Button;
import dev.deckhand.chat.Reply;
import dev.deckhand.command.CommandContext;
import dev.deckhand.command.Handler;
import dev.deckhand.network.ElasticIp;
import dev.deckhand.network.IngressRule;

import java.time.Clock;
import java.util.stream.Collectors;

/**
 * {@code ec2 show <name|id>}: one instance in detail, with its security-group rules and volumes. When
 * it is not in the channel's region, says which region it is in.
 */
public final class ShowCommand implements Handler {

    private final Ec2Service ec2;
    private final InstanceLocator locator;
    private final Ec2Costs costs;
    private final Clock clock;

    public ShowCommand(Ec2Service ec2, InstanceLocator locator, Ec2Costs costs, Clock clock) {
        this.ec2 = ec2;
        this.locator = locator;
        this.costs = costs;
        this.clock = clock;
    }

    @Override
    public Reply handle(CommandContext context) {
        String nameOrId = context.args().positional(0);
        Location location = locator.locate(context.region(), nameOrId);
        if (location instanceof Location.Elsewhere elsewhere) {
            String there = elsewhere.regions().get(0);
            return Reply.builder().header("Not in " + context.region())
                    .body(InstanceLocator.explain(nameOrId, location))
                    .button(Button.primary("Show in " + there, "ec2 show " + nameOrId + " --region " + there))
                    .button(Button.of("Make " + there + " this channel's region", "region " + there))
                    .build();
        }
        if (location instanceof Location.Ambiguous ambiguous) {
            Reply.Builder which = Reply.builder().header("Which " + nameOrId + "?")
                    .body(InstanceLocator.explain(nameOrId, location));
            ambiguous.matches().stream().limit(5)
                    .forEach(i -> which.button(Button.of(i.id() + " (" + i.state().label() + ")", Ec2Replies.about("show", i))));
            return which.build();
        }
        if (!(location instanceof Location.Found found)) {
            return Reply.builder().header("Not found").body(InstanceLocator.explain(nameOrId, location)).build();
        }
        InstanceDetails d = ec2.describe(found.instance().region(), found.instance().id());
        InstanceSummary s = d.summary();
        Reply.Builder reply = Reply.builder().header(s.label());
        Ec2Replies.instanceFields(reply, s);
        reply.field("Private IP", d.privateIp())
                .field("Zone", d.availabilityZone())
                .field("AMI", d.imageId())
                .field("Key pair", d.keyName().isEmpty() ? "none" : d.keyName())
                .field("Launched", s.launchedAt() == null ? "-" : s.launchedAt() + " (" + Ec2Replies.age(s.launchedAt(), clock) + " ago)")
                .field("Owner", s.owner().isEmpty() ? "not launched by Deckhand" : s.owner())
                .field("Expires", d.tags().getOrDefault("deckhand:expires", "never"))
                .field("Cost/month", "~" + Ec2Costs.usd(costs.current(d)) + " as it is now"
                        + (costs.instanceMonthly(s.region(), s.type()) instanceof dev.deckhand.plan.Cost.Unknown u
                        && (s.state() == InstanceState.RUNNING || s.state() == InstanceState.PENDING)
                        ? ", without the instance itself: " + u.reason() : ""));
        reply.line("*Security groups*");
        for (SecurityGroup g : d.securityGroups()) {
            reply.line("- " + g.name() + " (" + g.id() + "): " + (g.gone() ? "gone (the group was deleted; the instance still names it)"
                    : g.inbound().isEmpty() ? "no inbound rules"
                    : g.inbound().stream().map(IngressRule::describe).collect(Collectors.joining(", "))));
        }
        reply.line("*Volumes*");
        for (Volume v : d.volumes()) {
            reply.line("- " + v.id() + " " + v.device() + ": " + v.sizeGb() + " GB " + v.type()
                    + (v.deleteOnTermination() ? ", deleted with the instance" : ", kept after terminate (still billed)"));
        }
        if (d.volumes().isEmpty()) {
            reply.line("- none");
        }
        d.securityGroups().stream().filter(g -> g.inbound().stream().anyMatch(r -> r.opensToWorld(LaunchSpec.SSH)))
                .forEach(g -> reply.line("Warning: SSH (22) is open to the internet through " + g.name() + " (" + g.id() + ")."));
        for (ElasticIp eip : d.elasticIps()) {
            reply.context("Elastic IP " + eip.publicIp() + " (" + eip.allocationId() + ") is attached; it stays billed "
                    + "even when the instance is stopped or terminated.");
        }
        Ec2Replies.nextSteps(reply, s, false);
        return reply.build();
    }
}
