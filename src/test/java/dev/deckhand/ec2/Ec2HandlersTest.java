package dev.deckhand.ec2;

import dev.deckhand.chat.CommandRequest;
import dev.deckhand.chat.Reply;
import dev.deckhand.command.CommandContext;
import dev.deckhand.command.CommandParser;
import dev.deckhand.command.CommandRegistry;
import dev.deckhand.command.ParseResult;
import dev.deckhand.command.Touched;
import dev.deckhand.command.UsageException;
import dev.deckhand.command.UserFacingException;
import dev.deckhand.pricing.PriceTable;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The EC2 handlers against an in-memory {@link Ec2Service}: validation, ordering, parallelism. */
class Ec2HandlersTest {

    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    final FakeEc2 ec2 = new FakeEc2();
    final List<String> progress = new ArrayList<>();
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final CommandRegistry registry = new CommandRegistry().registerAll(new Ec2Commands(ec2,
            PriceTable.load(Path.of("config/prices.yml")), clock, (u, c) -> u.equals("admin"),
            InstanceListings.none(clock)).commands());
    final Touched touched = new Touched();

    private Reply run(String user, String text) {
        ParseResult.Parsed parsed = (ParseResult.Parsed) new CommandParser(registry).parse(text);
        String region = parsed.args().flag("region").orElse("us-east-1");
        return parsed.spec().handler().handle(new CommandContext(new CommandRequest(user, "C1", text,
                CommandRequest.Origin.CONSOLE), parsed.spec(), parsed.args(), region,
                step -> {
                    progress.add(step);
                    ec2.calls.add("progress " + step);
                }, touched));
    }

    private static InstanceSummary instance(String id, String name, String region) {
        return new InstanceSummary(id, name, "t3.micro", InstanceState.RUNNING, "", false, NOW, "", region);
    }

    @Test
    void list_allRegions_asksTheRegionsInParallel() {
        CountDownLatch allAsking = new CountDownLatch(3);
        ec2.lister = region -> {
            allAsking.countDown();
            try {
                // Returns only once every region is being asked at the same time: a sequential list would wait here.
                if (!allAsking.await(5, TimeUnit.SECONDS)) {
                    throw new UserFacingException("asked one region at a time");
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return List.of(instance("i-0" + region.hashCode(), "app-" + region, region));
        };

        Reply reply = run("dev", "ec2 list --all-regions");

        assertThat(reply.header()).isEqualTo("EC2 instances in 3 regions (3)");
        assertThat(reply.context()).isEmpty();
        assertThat(progress).containsExactly("Asking 3 regions in parallel...");
    }

    @Test
    void list_withRegionAndAllRegions_isAUsageError() {
        assertThatThrownBy(() -> run("dev", "ec2 list --all-regions --region eu-west-1"))
                .isInstanceOf(UsageException.class).hasMessage("Use either --region or --all-regions, not both.");
    }

    @Test
    void launch_showsThePlanBeforeChangingAnything() {
        run("dev", "ec2 launch web-1 --ttl 12h");

        List<String> order = ec2.calls.stream().map(c -> c.split(" ")[0]).filter(c -> !c.equals("find")).toList();
        assertThat(order).containsExactly("progress", "ami", "progress", "sg", "progress", "launch");
        assertThat(progress.get(1)).isEqualTo("Plan: t3.micro web-1 in us-east-1, AMI ami-0fake000000000000 (al2023), "
                + "ports 80, 443 from 0.0.0.0/0, 8 GB gp3, ~$11.88/month");
        assertThat(ec2.calls).anyMatch(c -> c.equals("launch t3.micro {Name=web-1, deckhand:stack=web-1, "
                + "deckhand:owner=dev, deckhand:expires=2026-11-26T00:00:00Z}"));
        assertThat(touched.ids()).containsExactly("sg-0fake", "i-0fake0001");
    }

    @Test
    void launch_whenRunInstancesFails_removesTheGroupItCreated() {
        ec2.launchFailure = new UserFacingException("AWS limit reached");

        assertThatThrownBy(() -> run("dev", "ec2 launch web-1")).hasMessage("AWS limit reached");

        assertThat(ec2.calls).contains("delete-sg sg-0fake");
    }

    @Test
    void launch_sshFromOneAddress_isAllowedForDeployersWithoutWarning() {
        Reply reply = run("dev", "ec2 launch web-1 --open 22 --from 203.0.113.7/32 --dry-run");

        assertThat(reply.body()).doesNotContain("Warning");
        assertThat(reply.fields()).contains(new Reply.Field("Ports", "22 from 203.0.113.7/32"));
    }

    @Test
    void launch_sshToIpv6World_isRefusedForNonAdmins() {
        assertThatThrownBy(() -> run("dev", "ec2 launch web-1 --open 22 --from ::/0"))
                .isInstanceOf(UserFacingException.class).hasMessageStartingWith("Opening SSH (22) to ::/0");
        assertThat(ec2.calls).isEmpty();
    }

    @Test
    void launch_badName_explainsTheForm() {
        assertThatThrownBy(() -> run("dev", "ec2 launch web_1")).isInstanceOf(UsageException.class)
                .hasMessage("'web_1' is not a valid instance name: use letters, digits and dashes, up to 64 characters, "
                        + "starting with a letter or digit.")
                .extracting(e -> ((UsageException) e).hint()).isEqualTo("For example: ec2 launch web-1");
    }

    @Test
    void launch_badPort_explainsTheForm() {
        assertThatThrownBy(() -> run("dev", "ec2 launch web-1 --open 80,70000"))
                .hasMessage("--open takes TCP ports from 1 to 65535 separated by commas; '70000' is not one.");
    }

    @Test
    void launch_badCidr_explainsTheForm() {
        assertThatThrownBy(() -> run("dev", "ec2 launch web-1 --from 10.0.0.0/33"))
                .hasMessage("--from must be a CIDR block, not '10.0.0.0/33'.");
        assertThatThrownBy(() -> run("dev", "ec2 launch web-1 --from 300.1.1.1/32"))
                .hasMessage("--from must be a CIDR block, not '300.1.1.1/32'.");
    }

    @Test
    void launch_badTtl_explainsTheForm() {
        assertThatThrownBy(() -> run("dev", "ec2 launch web-1 --ttl 3x"))
                .hasMessage("--ttl must be a number of hours, days or weeks up to a year, not '3x'.")
                .extracting(e -> ((UsageException) e).hint()).isEqualTo("For example: --ttl 12h, --ttl 7d or --ttl 2w");
        assertThatThrownBy(() -> run("dev", "ec2 launch web-1 --ttl 0h")).isInstanceOf(UsageException.class);
    }

    @Test
    void launch_diskOutOfRange_explainsTheForm() {
        assertThatThrownBy(() -> run("dev", "ec2 launch web-1 --disk 4"))
                .hasMessage("--disk must be a whole number from 8 to 16384, not '4'.");
    }

    @Test
    void launch_unknownAmi_listsTheAliases() {
        assertThatThrownBy(() -> run("dev", "ec2 launch web-1 --ami debian"))
                .hasMessage("--ami must be one of al2023, ubuntu-24.04, ubuntu-22.04 or an AMI id, not 'debian'.");
    }

    @Test
    void launch_dryRunButton_isTheSameLaunchWithoutDryRun() {
        Reply reply = run("dev", "ec2 launch web-1 --key my-key --open 443 --ttl 2w --ami ubuntu-24.04 --dry-run --region eu-west-1");

        assertThat(reply.buttons()).singleElement().satisfies(b -> assertThat(b.command()).isEqualTo(
                "ec2 launch web-1 --region eu-west-1 --type t3.micro --ami ubuntu-24.04 --key my-key --open 443 "
                        + "--from 0.0.0.0/0 --disk 8 --ttl 14d"));
        assertThat(ec2.calls).noneMatch(c -> c.startsWith("sg") || c.startsWith("launch"));
    }

    @Test
    void show_looksInOtherRegionsOnlyWhenNotFoundHere() {
        ec2.instances.put("eu-west-1", List.of(instance("i-0abc1234", "web-1", "eu-west-1")));

        Reply reply = run("dev", "ec2 show web-1");

        assertThat(reply.body()).isEqualTo("web-1 is not in us-east-1; it is in eu-west-1. Use --region eu-west-1 or "
                + "`region eu-west-1`.");
        assertThat(ec2.calls).containsExactlyInAnyOrder("find us-east-1 web-1", "find eu-west-1 web-1",
                "find ap-northeast-2 web-1");
    }

    @Test
    void stop_ofANameUsedTwice_asksForTheId() {
        ec2.instances.put("us-east-1", List.of(instance("i-0aaa1111", "web-1", "us-east-1"),
                new InstanceSummary("i-0bbb2222", "web-1", "t3.micro", InstanceState.STOPPED, "", false, NOW, "", "us-east-1")));

        assertThatThrownBy(() -> run("dev", "ec2 stop web-1")).isInstanceOf(UserFacingException.class)
                .hasMessage("2 instances are named web-1 in us-east-1: i-0aaa1111 (running), i-0bbb2222 (stopped). "
                        + "Use the id, e.g. `ec2 show i-0aaa1111`.");
    }

    @Test
    void show_ofANameUsedTwice_offersEachId() {
        ec2.instances.put("us-east-1", List.of(instance("i-0aaa1111", "web-1", "us-east-1"),
                instance("i-0bbb2222", "web-1", "us-east-1")));

        Reply reply = run("dev", "ec2 show web-1");

        assertThat(reply.header()).isEqualTo("Which web-1?");
        assertThat(reply.buttons()).extracting(b -> b.command()).containsExactly(
                "ec2 show i-0aaa1111 --region us-east-1", "ec2 show i-0bbb2222 --region us-east-1");
    }

    @Test
    void terminate_dryRun_changesNothing() {
        ec2.instances.put("us-east-1", List.of(instance("i-0aaa1111", "web-1", "us-east-1")));

        Reply reply = run("admin", "ec2 terminate web-1 --dry-run");

        assertThat(reply.header()).isEqualTo("Plan: terminate web-1 (dry run)");
        assertThat(reply.buttons()).singleElement().satisfies(b ->
                assertThat(b.command()).isEqualTo("ec2 terminate i-0aaa1111 --region us-east-1"));
        assertThat(ec2.calls).noneMatch(c -> c.startsWith("terminate"));
        assertThat(touched.ids()).isEmpty();
    }

    @Test
    void reboot_ofAStoppedInstance_saysToStartIt() {
        ec2.instances.put("us-east-1", List.of(new InstanceSummary("i-0aaa1111", "web-1", "t3.micro",
                InstanceState.STOPPED, "", false, NOW, "", "us-east-1")));

        assertThatThrownBy(() -> run("dev", "ec2 reboot web-1")).hasMessage("web-1 (i-0aaa1111) is stopped; only a "
                + "running instance can be rebooted. Start it with `ec2 start web-1`.");
    }
}
