package dev.deckhand.deploy;

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
import dev.deckhand.network.InstanceDirectory;
import dev.deckhand.network.InstanceRef;
import dev.deckhand.stack.Pause;
import dev.deckhand.stack.Poll;
import dev.deckhand.validate.Inputs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * {@code deploy <instance> --artifact <url> [--app spring|express] [--port 8080]}: ships a new version to a
 * running instance through SSM Run Command (no SSH) and reports the result with the script's last lines.
 * The plan is one Deploy on the instance by id (its owner from its tag, fingerprinted by launch time
 * and state). The artifact URL goes to the plan, the card and the audit row without its query string:
 * a pre-signed URL's signature is a credential.
 */
public final class DeployCommands implements Change {

    private static final int TAIL_LINES = 8;

    private final RunCommandService ssm;
    private final InstanceDirectory instances;
    private final Clock clock;
    private final Pause pause;
    private final Duration pollInterval;
    private final Duration timeout;

    public DeployCommands(RunCommandService ssm, InstanceDirectory instances, Clock clock, Pause pause, Duration pollInterval,
                          Duration timeout) {
        this.ssm = ssm;
        this.instances = instances;
        this.clock = clock;
        this.pause = pause;
        this.pollInterval = pollInterval;
        this.timeout = timeout;
    }

    public List<CommandSpec> commands() {
        return List.of(CommandSpec.command("deploy").usage("deploy <instance> --artifact <url> [--app spring|express] [--port 8080]")
                .description("Ships a new version of the app to a running instance (SSM Run Command)")
                .example("deploy web-1 --artifact https://artifacts.example.com/shop/app-1.4.2.jar")
                .role(Role.DEPLOYER).args(1, 1).flags("artifact", "app", "port", "region").changes(this));
    }

    @Override
    public Plan plan(CommandContext context) {
        String url = artifactUrl(context);
        AppRuntime runtime = AppRuntime.parse(context.args().flagOr("app", "spring"));
        int port = Inputs.port(context.args().flagOr("port", "8080"));
        InstanceRef instance = instances.require(context.region(), context.args().positional(0));
        if (!instance.state().equals("running")) {
            throw new UserFacingException(instance.label() + " is " + instance.state() + "; start it with `ec2 start "
                    + (instance.name().isEmpty() ? instance.id() : instance.name()) + "` first.");
        }
        String shown = withoutQuery(url);
        Plan.Builder plan = context.newPlan().effect(new Effect.Deploy(instance.target(context.region()), shown))
                .detail("Artifact", shown).detail("App", runtime.name().toLowerCase()).detail("Port", Integer.toString(port));
        if (!shown.equals(url)) {
            plan.note("The artifact URL's query string (e.g. a pre-signed signature) is not shown or stored.");
        }
        return plan.build();
    }

    @Override
    public Reply apply(CommandContext context, Plan plan) {
        String url = artifactUrl(context);
        AppRuntime runtime = AppRuntime.parse(context.args().flagOr("app", "spring"));
        int port = Inputs.port(context.args().flagOr("port", "8080"));
        Target target = plan.effects().get(0).target();
        String region = plan.region();
        List<String> commands = RedeployScript.commands(runtime, url, port);
        context.progress().report("Sending the new version to " + target.label() + "…");
        String commandId = ssm.run(region, target.id(), commands, "Deckhand deploy by " + context.user());
        context.touched(target.id());
        Instant started = clock.instant();
        RunCommandService.Invocation result = await(region, commandId, target.id(), context);
        long seconds = Duration.between(started, clock.instant()).toSeconds();
        String shown = withoutQuery(url);
        String artifact = shown.substring(shown.lastIndexOf('/') + 1);
        if (result.status().equals("Success")) {
            return Reply.builder().inChannel().body("Deployed " + artifact + " to " + target.label() + " in " + seconds + " s.")
                    .context(tail(result.output())).context("SSM command " + commandId).build();
        }
        return Reply.builder().inChannel().header("Deploy to " + target.label() + " failed")
                .body("SSM says " + result.status() + (result.exitCode() >= 0 ? " (exit code " + result.exitCode() + ")" : "")
                        + " after " + seconds + " s. The previous version is kept at /opt/deckhand-app/*.previous.")
                .line(tail(result.error().isBlank() ? result.output() : result.error()))
                .context("SSM command " + commandId + "; the full output is in the SSM console (Run Command history).")
                .build();
    }

    private static String artifactUrl(CommandContext context) {
        String url = context.args().flag("artifact").orElseThrow(() -> new UsageException(
                "Say which build to ship with --artifact.", "For example: --artifact https://artifacts.example.com/shop/app-1.4.2.jar"));
        Inputs.url(url);
        return url;
    }

    /** The URL without its query and fragment: what may be shown, planned and audited. */
    static String withoutQuery(String url) {
        int cut = url.length();
        for (char c : new char[] {'?', '#'}) {
            int at = url.indexOf(c);
            if (at >= 0) {
                cut = Math.min(cut, at);
            }
        }
        return url.substring(0, cut);
    }

    private RunCommandService.Invocation await(String region, String commandId, String instanceId, CommandContext context) {
        return new Poll(clock, pause, pollInterval, timeout).until(() -> ssm.invocation(region, commandId, instanceId),
                state -> state.isPresent() && state.get().isDone(),
                state -> new UserFacingException("The deploy to " + instanceId + " is still running after " + timeout.toMinutes()
                        + " minutes (SSM command " + commandId + "). Check it in the SSM console."),
                state -> state.ifPresent(s -> context.progress().report("Deploy is " + s.status() + "…"))).orElseThrow();
    }

    private static String tail(String text) {
        List<String> lines = Arrays.stream(text.strip().split("\n")).filter(l -> !l.isBlank()).toList();
        List<String> last = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
        return last.isEmpty() ? "(no output)" : "```" + String.join("\n", last) + "```";
    }
}
