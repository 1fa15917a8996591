package dev.deckhand.ec2;

import dev.deckhand.chat.Button;
import dev.deckhand.chat.Reply;
import dev.deckhand.command.CommandContext;
import dev.deckhand.command.Handler;
import dev.deckhand.command.UserFacingException;
import dev.deckhand.network.ElasticIp;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code ec2 start|stop|reboot|terminate <name|id> [--dry-run]}. Says what the change costs or
 * loses: a stop changes the public IP unless an Elastic IP is attached; a terminate leaves Elastic
 * IPs allocated and billed.
 */
public final class LifecycleCommand implements Handler {

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
    public Reply handle(CommandContext context) {
        InstanceSummary instance = locator.require(context.region(), context.args().positional(0));
        String already = alreadyDone(instance);
        if (already != null) {
            return Reply.ephemeral(already);
        }
        List<String> warnings = warnings(instance);
        String command = Ec2Replies.about(action.verb, instance);
        if (context.args().has("dry-run")) {
            Reply.Builder plan = Reply.builder().header("Plan: " + action.verb + " " + instance.displayName() + " (dry run)")
                    .body("Nothing was changed. Would " + action.verb + " " + instance.label() + " in " + instance.region() + ".");
            warnings.forEach(plan::line);
            Ec2Replies.instanceFields(plan, instance);
            Button button = action == Action.TERMINATE ? Button.danger("Terminate", command)
                    : Button.primary(capitalized(action.verb), command);
            return plan.button(button).build();
        }
        context.progress().report(action.progressive + " " + instance.label() + " in " + instance.region() + "...");
        InstanceState now = perform(instance);
        context.touched(instance.id());
        InstanceSummary after = new InstanceSummary(instance.id(), instance.name(), instance.type(), now,
                // Only an Elastic IP survives a stop or start; an auto-assigned address is released.
                action == Action.REBOOT || instance.elasticIp() && action != Action.TERMINATE ? instance.publicIp() : "",
                instance.elasticIp(), instance.launchedAt(), instance.owner(), instance.region());
        Reply.Builder reply = Reply.builder().inChannel().header(action.progressive + " " + instance.displayName())
                .body(context.user() + " " + action.past + " " + instance.label() + " in " + instance.region() + ": "
                        + instance.state().label() + " -> " + now.label() + ".");
        warnings.forEach(reply::line);
        Ec2Replies.instanceFields(reply, after);
        switch (action) {
            case STOP -> reply.button(Button.primary("Start", Ec2Replies.about("start", instance)));
            case START, REBOOT -> {
                reply.context("A public IP shows once it is running: `ec2 show " + instance.displayName() + "`.");
                reply.button(Button.of("Show", Ec2Replies.about("show", instance)));
            }
            case TERMINATE -> { }
        }
        return reply.build();
    }

    private InstanceState perform(InstanceSummary i) {
        return switch (action) {
            case START -> ec2.start(i.region(), i.id()).current();
            case STOP -> ec2.stop(i.region(), i.id()).current();
            case TERMINATE -> ec2.terminate(i.region(), i.id()).current();
            case REBOOT -> {
                ec2.reboot(i.region(), i.id());
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

    private static String capitalized(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
