package dev.deckhand.ec2;

import dev.deckhand.chat.Button;
import dev.deckhand.chat.Reply;
import dev.deckhand.command.CommandContext;
import dev.deckhand.command.Change;
import dev.deckhand.command.UserFacingException;
import dev.deckhand.network.ElasticIp;
import dev.deckhand.plan.Cost;
import dev.deckhand.plan.Effect;
import dev.deckhand.plan.Kind;
import dev.deckhand.plan.Owner;
import dev.deckhand.plan.Plan;
import dev.deckhand.plan.Target;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code ec2 start|stop|reboot|terminate <name|id> [--dry-run]}. The plan names the instance by id,
 * with its launch time and state (an approval pins them: a newer instance of the same name is not
 * the one approved), its owner, and what the change costs or loses: a start costs the instance's
 * monthly price, a stop saves it and changes the public IP unless an Elastic IP is attached; a
 * terminate leaves Elastic IPs allocated and billed. Apply acts on the id only.
 */
public final class LifecycleCommand implements Change {

    /** The four state changes, with the words each one needs. */
    public enum Action {
        START("start", "started", "Starting"),
        STOP("stop", "stopped", "Stopping"),
        REBOOT("reboot", "rebooted", "Rebooting"),
        TERMINATE("terminate", "terminated", "Terminating");

        final String verb;
        final String past;
        final String progressive;

        Action(String verb, String past, String progressive) {
            this.verb = verb;
            this.past = past;
            this.progressive = progressive;
        }

        public String verb() {
            return verb;
        }
    }

    private final Action action;
    private final Ec2Service ec2;
    private final InstanceLocator locator;
    private final Ec2Costs costs;

    public LifecycleCommand(Action action, Ec2Service ec2, InstanceLocator locator, Ec2Costs costs) {
        this.action = action;
        this.ec2 = ec2;
        this.locator = locator;
        this.costs = costs;
    }

    @Override
    public Plan plan(CommandContext context) {
        InstanceSummary instance = locator.require(context.region(), context.args().positional(0));
        String already = alreadyDone(instance);
        if (already != null) {
            return context.nothingToDo(already);
        }
        Target target = new Target(Kind.INSTANCE, instance.id(), instance.region(), Owner.of(instance.owner()), "",
                instance.label(), fingerprint(instance));
        Plan.Builder plan = context.newPlan();
        plan.effect(switch (action) {
            case START -> new Effect.SetState(target, Effect.SetState.Transition.START,
                    costs.instanceMonthly(instance.region(), instance.type()));
            case STOP -> new Effect.SetState(target, Effect.SetState.Transition.STOP,
                    costs.instanceMonthly(instance.region(), instance.type()).negate());
            case REBOOT -> new Effect.SetState(target, Effect.SetState.Transition.REBOOT, Cost.ZERO);
            case TERMINATE -> new Effect.Delete(target, instance.state() == InstanceState.RUNNING
                    || instance.state() == InstanceState.PENDING
                    ? costs.instanceMonthly(instance.region(), instance.type()).negate() : Cost.ZERO);
        });
        warnings(instance).forEach(plan::note);
        plan.detail("ID", instance.id()).detail("Type", instance.type()).detail("State", instance.state().label())
                .detail("Public IP", Ec2Replies.publicIp(instance));
        Plan built = plan.build();
        saving(built).ifPresent(saved -> plan.detail(SAVING, saved));
        return plan.build();
    }

    /** The label of what a terminate saves, on its plan, dry run and approval card. */
    static final String SAVING = "Saving";

    /**
     * What a terminate saves a month, as its plan prices it ("$7.59/month"), when known and more than nothing:
     * the card and the reply say it, as teardown's do.
     */
    private java.util.Optional<String> saving(Plan plan) {
        if (action != Action.TERMINATE || !(plan.monthlyChange() instanceof Cost.Known known)
                || known.usdPerMonth().signum() >= 0) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("$" + known.usdPerMonth().abs().toPlainString() + "/month");
    }

    /** What an approval pins of an instance: which one, since when, and in what state. */
    static String fingerprint(InstanceSummary i) {
        return i.id() + " launched " + i.launchedAt() + " " + i.state().label();
    }

    @Override
    public Reply apply(CommandContext context, Plan plan) {
        Target target = plan.effects().get(0).target();
        String region = target.region();
        String id = target.id();
        context.progress().report(action.progressive + " " + target.label() + " in " + region + "...");
        InstanceState before = InstanceState.byLabel(plan.details().getOrDefault("State", "")).orElse(InstanceState.UNKNOWN);
        InstanceState now = perform(region, id);
        context.touched(id);
        String name = target.label().equals(id) ? "" : target.label().substring(0, target.label().indexOf(" ("));
        String displayName = name.isEmpty() ? id : name;
        String publicIp = plan.details().getOrDefault("Public IP", "none");
        boolean elastic = publicIp.endsWith("(Elastic IP)");
        // Only an Elastic IP survives a stop or start; an auto-assigned address is released.
        String after = action == Action.REBOOT || elastic && action != Action.TERMINATE ? publicIp : "none";
        Reply.Builder reply = Reply.builder().inChannel().header(action.progressive + " " + displayName)
                .body(context.user() + " " + action.past + " " + target.label() + " in " + region + ": "
                        + before.label() + " -> " + now.label() + ".");
        plan.notes().forEach(reply::line);
        if (plan.details().containsKey(SAVING)) {
            reply.line("That saves about " + plan.details().get(SAVING) + ".");
        }
        reply.field("ID", id).field("Type", plan.details().get("Type")).field("State", now.label())
                .field("Public IP", after).field("Region", region);
        String about = "ec2 %s " + id + " --region " + region;
        switch (action) {
            case STOP -> reply.button(Button.primary("Start", about.formatted("start")));
            case START, REBOOT -> {
                reply.context(whereToReachIt(after, displayName));
                reply.button(Button.of("Show", about.formatted("show")));
            }
            case TERMINATE -> { }
        }
        return reply.build();
    }

    /**
     * The context line under a start or reboot. The address shown is the one it keeps (a reboot keeps its own,
     * a start keeps only an Elastic IP), so only a start without one waits for a new address.
     */
    private String whereToReachIt(String publicIp, String displayName) {
        String show = "`ec2 show " + displayName + "`";
        if (publicIp.equals("none")) {
            return action == Action.REBOOT ? "It has no public IP; " + show + " shows when it is back up."
                    : "A public IP shows once it is running: " + show + ".";
        }
        return (action == Action.REBOOT ? "A reboot keeps its public IP" : "Its Elastic IP stays attached") + " (shown above); "
                + show + " shows when it is " + (action == Action.REBOOT ? "back up." : "running.");
    }

    private InstanceState perform(String region, String id) {
        return switch (action) {
            case START -> ec2.start(region, id).current();
            case STOP -> ec2.stop(region, id).current();
            case TERMINATE -> ec2.terminate(region, id).current();
            case REBOOT -> {
                ec2.reboot(region, id);
                yield InstanceState.RUNNING;
            }
        };
    }

    /** A friendly answer when there is nothing to do, or a refusal when the state does not allow it. */
    private String alreadyDone(InstanceSummary i) {
        InstanceState s = i.state();
        switch (action) {
            case START:
                if (s == InstanceState.RUNNING || s == InstanceState.PENDING) {
                    return i.label() + " is already " + s.label() + ".";
                }
                if (s != InstanceState.STOPPED) {
                    throw new UserFacingException(i.label() + " is " + s.label() + "; only a stopped instance can be started.");
                }
                return null;
            case STOP:
                if (s == InstanceState.STOPPED || s == InstanceState.STOPPING) {
                    return i.label() + " is already " + s.label() + ".";
                }
                if (s != InstanceState.RUNNING && s != InstanceState.PENDING) {
                    throw new UserFacingException(i.label() + " is " + s.label() + "; only a running instance can be stopped.");
                }
                return null;
            case REBOOT:
                if (s != InstanceState.RUNNING) {
                    throw new UserFacingException(i.label() + " is " + s.label() + "; only a running instance can be rebooted."
                            + (s == InstanceState.STOPPED ? " Start it with `ec2 start " + i.displayName() + "`." : ""));
                }
                return null;
            default:
                return s == InstanceState.TERMINATED || s == InstanceState.SHUTTING_DOWN
                        ? i.label() + " is already " + s.label() + "." : null;
        }
    }

    private List<String> warnings(InstanceSummary i) {
        List<String> lines = new ArrayList<>();
        if (action == Action.STOP) {
            List<ElasticIp> eips = ec2.addressesOf(i.region(), i.id());
            if (!eips.isEmpty()) {
                eips.forEach(e -> lines.add("Elastic IP " + e.publicIp() + " stays attached, so the address survives the stop "
                        + "(it is billed while stopped: " + Ec2Costs.usd(costs.publicIpv4()) + "/month)."));
            } else if (!i.publicIp().isEmpty()) {
                lines.add("Warning: its public IP " + i.publicIp() + " will change when it starts again: no Elastic IP is "
                        + "attached. Update DNS records or firewall rules that use it.");
            }
        } else if (action == Action.TERMINATE) {
            List<ElasticIp> eips = ec2.addressesOf(i.region(), i.id());
            for (ElasticIp e : eips) {
                lines.add("Warning: Elastic IP " + e.publicIp() + " (" + e.allocationId() + ") will be left behind, "
                        + "still allocated and billed (" + Ec2Costs.usd(costs.publicIpv4()) + "/month each) until it is released.");
            }
        }
        return lines;
    }

}
