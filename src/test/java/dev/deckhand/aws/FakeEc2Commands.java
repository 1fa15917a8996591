package dev.deckhand.aws;

import dev.deckhand.access.Role;
import dev.deckhand.chat.Reply;
import dev.deckhand.command.CommandSpec;
import software.amazon.awssdk.services.ec2.model.TerminateInstancesResponse;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only stand-ins for the EC2 feature's commands, shaped like them (names, flags, roles), so the
 * approval path can be tested without depending on that feature. {@code ec2 terminate} really calls
 * TerminateInstances through {@link AwsClients}, so WireMock can count how often it ran.
 */
public final class FakeEc2Commands {

    public final AtomicInteger launches = new AtomicInteger();
    public final AtomicInteger sgOpens = new AtomicInteger();
    private final AwsClients aws;

    public FakeEc2Commands(AwsClients aws) {
        this.aws = aws;
    }

    public List<CommandSpec> specs() {
        return List.of(
                terminate("ec2 terminate"),
                CommandSpec.command("ec2 launch").usage("ec2 launch <name> [--type t] [--disk gb] [--open ports] [--from cidr]")
                        .description("Launches an instance").example("ec2 launch web --type t3.micro").role(Role.DEPLOYER)
                        .flags("type", "disk", "open", "from", "region", "app", "https", "domain").switches("dry-run").args(1, 1).mutating()
                        .handledBy(context -> {
                            if (context.args().has("dry-run")) {
                                return Reply.ephemeral("Would launch " + context.args().positional(0) + ".");
                            }
                            launches.incrementAndGet();
                            context.touched("i-launched");
                            return Reply.inChannel("Launched " + context.args().positional(0) + ".");
                        }),
                CommandSpec.command("sg open").usage("sg open <group> <port> [--from cidr]").description("Opens a port")
                        .example("sg open web 443").role(Role.DEPLOYER).flags("from", "region").args(2, 2).mutating()
                        .handledBy(context -> {
                            sgOpens.incrementAndGet();
                            context.touched(context.args().positional(0));
                            return Reply.inChannel("Opened " + context.args().positional(1) + ".");
                        }));
    }

    /**
     * A terminate under {@code name}: tests on the whole Deckhand use a name of their own, so they keep
     * working when the real {@code ec2 terminate} is registered there.
     */
    public CommandSpec terminate(String name) {
        return CommandSpec.command(name).usage(name + " <id> [--region r]").description("Terminates an instance")
                .example(name + " i-0abc").role(Role.DEPLOYER).flags("region").switches("dry-run")
                .args(1, 1).mutating().handledBy(context -> {
                    String id = context.args().positional(0);
                    if (context.args().has("dry-run")) {
                        return Reply.ephemeral("Would terminate " + id + " in " + context.region() + ".");
                    }
                    TerminateInstancesResponse response = AwsErrors.call("ec2:TerminateInstances", context.region(),
                            () -> aws.ec2(context.region()).terminateInstances(b -> b.instanceIds(id)));
                    context.touched(id);
                    return Reply.inChannel("Terminated " + id + " in " + context.region() + " (now "
                            + response.terminatingInstances().get(0).currentState().nameAsString() + ").");
                });
    }

    /** TerminateInstances' documented answer: the instance going from running to shutting-down. */
    public static String terminateResponseInner(String id) {
        return "<instancesSet><item><instanceId>" + id + "</instanceId>"
                + "<currentState><code>32</code><name>shutting-down</name></currentState>"
                + "<previousState><code>16</code><name>running</name></previousState></item></instancesSet>";
    }
}
