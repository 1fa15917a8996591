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
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code deploy <instance> --artifact <url> [--app spring|express] [--port n] [--sha256 hex] [--health-path /p]
 * [--health-wait 90] [--allow-http]}: ships a new version to a running instance through SSM Run Command (no SSH).
 * The script ({@link RedeployScript}) keeps the running version, starts the new one, checks its health and
 * rolls back by itself when the check fails; the reply says which version runs.
 *
 * <p>The plan is one Deploy on the instance by id (its owner from its tag, fingerprinted by launch time and
 * state). The app kind comes from {@code --app} or the instance's {@code deckhand:app} tag, never from a
 * guess; a mismatch between them, or with the artifact's file name, is refused before anything is sent.
 * The artifact URL is shown and stored only masked ({@link Artifact#shown()}).
 */
public final class DeployCommands implements Change {

    private static final int TAIL_LINES = 8;
    private static final String STEP = "==> ";

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
        return List.of(CommandSpec.command("deploy")
                .usage("deploy <instance> --artifact <https://...|s3://...> [--app spring|express] [--port 8080] "
                        + "[--sha256 <hex>] [--health-path /] [--health-wait 90] [--allow-http]")
                .description("Ships a new version of the app to a running instance (SSM Run Command); rolls back when "
                        + "the new version does not answer")
                .example("deploy web-1 --artifact https://artifacts.example.com/shop/app-1.4.2.jar --health-path /actuator/health")
                .role(Role.DEPLOYER).args(1, 1)
                .flags("artifact", "app", "port", "region", "sha256", "health-path", "health-wait")
                .switches("allow-http").changes(this));
    }

    /** What the user asked for, checked. */
    private record Request(Artifact artifact, Optional<Integer> port, HealthCheck health) {
        static Request of(CommandContext context) {
            var args = context.args();
            Artifact artifact = Artifact.parse(args.flag("artifact").orElseThrow(() -> new UsageException(
                    "Say which build to ship with --artifact.", Artifact.EXAMPLE.replace("--artifact", "deploy web-1 --artifact"))),
                    args.has("allow-http"), args.flag("sha256"));
            Optional<Integer> port = args.flag("port").map(Inputs::port);
            return new Request(artifact, port, HealthCheck.parse(args.flag("health-path"), args.flag("health-wait")));
        }
    }

    @Override
    public Plan plan(CommandContext context) {
        Request request = Request.of(context);
        Optional<AppRuntime> asked = context.args().flag("app").map(AppRuntime::parse);
        InstanceRef instance = instances.require(context.region(), context.args().positional(0));
        if (!instance.state().equals("running")) {
            throw new UserFacingException(instance.label() + " is " + instance.state() + "; start it with `ec2 start "
                    + (instance.name().isEmpty() ? instance.id() : instance.name()) + "` first.");
        }
        AppRuntime runtime = kind(instance, asked, request.artifact());
        String shown = request.artifact().shown();
        Plan.Builder plan = context.newPlan().effect(new Effect.Deploy(instance.target(context.region()), shown))
                .detail("Artifact", shown)
                .detail("App", runtime.label() + (asked.isEmpty() ? " (from the instance's " + AppRuntime.TAG + " tag)" : ""))
                .detail("Port", request.port().map(String::valueOf).orElse("as now (the service's port)"))
                .detail("SHA-256", request.artifact().sha256().orElse("not given: the download is not checked"))
                .detail("Health check", request.health().describe(request.port()));
        request.artifact().warning().ifPresent(plan::note);
        if (!shown.equals(request.artifact().url())) {
            plan.note("The artifact URL's query string (e.g. a pre-signed signature) is not shown or stored.");
        }
        if (request.artifact().isS3()) {
            plan.note("The instance reads the artifact with its own role: it needs s3:GetObject on it.");
        }
        request.port().ifPresent(p -> plan.note("The service" + " and nginx (if any) move to port " + p
                + "; deploy does not change the security group: `sg open` it if the app is reached on that port directly."));
        return plan.build();
    }

    /**
     * The app kind: {@code --app}, else the instance's tag; both must agree, and the artifact's name must not
     * say otherwise ({@code .jar} for spring, {@code .tgz} / {@code .tar.gz} for express).
     */
    static AppRuntime kind(InstanceRef instance, Optional<AppRuntime> asked, Artifact artifact) {
        Optional<AppRuntime> tagged = AppRuntime.find(instance.app());
        if (asked.isPresent() && tagged.isPresent() && asked.get() != tagged.get()) {
            throw new UserFacingException(instance.label() + " runs a " + tagged.get().label() + " app (its " + AppRuntime.TAG
                    + " tag), not " + asked.get().label() + ". Nothing was changed. Ship a "
                    + (tagged.get() == AppRuntime.SPRING ? ".jar" : ".tgz") + " with --app " + tagged.get().label()
                    + ", or launch a new instance for the other kind.");
        }
        AppRuntime runtime = asked.or(() -> tagged).orElseThrow(() -> new UserFacingException(
                "Say which kind of app " + instance.label() + " runs with --app spring or --app express: it has no "
                        + AppRuntime.TAG + " tag, and Deckhand does not guess. For example: deploy " + (instance.name().isEmpty() ? instance.id() : instance.name())
                        + " --app spring --artifact https://artifacts.example.com/shop/app-1.4.2.jar"));
        String name = artifact.fileName().toLowerCase(java.util.Locale.ROOT);
        Optional<AppRuntime> named = name.endsWith(".jar") ? Optional.of(AppRuntime.SPRING)
                : name.endsWith(".tgz") || name.endsWith(".tar.gz") ? Optional.of(AppRuntime.EXPRESS) : Optional.empty();
        if (named.isPresent() && named.get() != runtime) {
            throw new UserFacingException(artifact.fileName() + " looks like a " + named.get().label() + " build, but "
                    + instance.label() + " runs " + runtime.label() + ". Nothing was changed. "
                    + (runtime == AppRuntime.SPRING ? "A spring app ships a .jar." : "An express app ships an npm-packed .tgz."));
        }
        return runtime;
    }

    @Override
    public Reply apply(CommandContext context, Plan plan) {
        Request request = Request.of(context);
        Target target = plan.effects().get(0).target();
        AppRuntime runtime = AppRuntime.parse(plan.details().get("App").split(" ")[0]);
        String region = plan.region();
        String version = request.artifact().fileName();
        List<String> commands = RedeployScript.commands(runtime, request.artifact(), request.port(), request.health());
        context.progress().report("Sending " + version + " to " + target.label() + "…");
        String commandId = ssm.run(region, target.id(), commands, "Deckhand deploy of " + version + " by " + context.user());
        context.touched(target.id());
        Instant started = clock.instant();
        RunCommandService.Invocation result = await(region, commandId, target.id(), context);
        long seconds = Duration.between(started, clock.instant()).toSeconds();
        Optional<String> outcome = resultLine(result.output());
        if (result.status().equals("Success")) {
            return Reply.builder().inChannel().body("Deployed " + version + " to " + target.label() + " in " + seconds + " s.")
                    .context(outcome.orElse(tail(result.output()))).context("SSM command " + commandId).build();
        }
        if (result.exitCode() == RedeployScript.ROLLED_BACK) {
            return Reply.builder().inChannel().header("Deploy to " + target.label() + " rolled back")
                    .body(version + " did not pass its health check (" + request.health().shownPath()
                            + "), so the previous version was restored after " + seconds + " s.")
                    .line(outcome.orElse("rolled back"))
                    .line(tail(result.error()))
                    .context("SSM command " + commandId).build();
        }
        return Reply.builder().inChannel().header("Deploy to " + target.label() + " failed")
                .body("SSM says " + result.status() + (result.exitCode() >= 0 ? " (exit code " + result.exitCode() + ")" : "")
                        + " after " + seconds + " s. " + outcome.orElse(result.exitCode() >= 3 && result.exitCode() <= 9
                        ? "Nothing was replaced: the failure came before the swap."
                        : "The previous version is kept at /opt/deckhand-app/*.previous."))
                .line(tail(result.error().isBlank() ? result.output() : result.error()))
                .context("SSM command " + commandId + "; the full output is in the SSM console (Run Command history).")
                .build();
    }

    private static Optional<String> resultLine(String output) {
        return output.lines().filter(l -> l.startsWith(RedeployScript.RESULT))
                .map(l -> l.substring(RedeployScript.RESULT.length()).strip()).reduce((a, b) -> b);
    }

    private RunCommandService.Invocation await(String region, String commandId, String instanceId, CommandContext context) {
        Set<String> reported = new HashSet<>();
        return new Poll(clock, pause, pollInterval, timeout).until(() -> ssm.invocation(region, commandId, instanceId),
                state -> state.isPresent() && state.get().isDone(),
                state -> new UserFacingException("The deploy to " + instanceId + " is still running after " + timeout.toMinutes()
                        + " minutes (SSM command " + commandId + "). Check it in the SSM console."),
                state -> state.ifPresent(s -> {
                    List<String> steps = s.output().lines().filter(l -> l.startsWith(STEP)).map(l -> l.substring(STEP.length()))
                            .filter(reported::add).toList();
                    if (steps.isEmpty()) {
                        context.progress().report("Deploy is " + s.status() + "…");
                    }
                    steps.forEach(step -> context.progress().report(step + "…"));
                })).orElseThrow();
    }

    private static String tail(String text) {
        List<String> lines = Arrays.stream(text.strip().split("\n")).filter(l -> !l.isBlank()).toList();
        List<String> last = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
        return last.isEmpty() ? "(no output)" : "```" + String.join("\n", last) + "```";
    }
}
