package dev.deckhand.ec2;

import dev.deckhand.access.Role;
import dev.deckhand.command.CommandSpec;
import dev.deckhand.pricing.PriceTable;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code ec2} commands: list, show, launch, start, stop, reboot, terminate. Reads are answered
 * to the asker only; changes are posted to the channel naming who made them, and audited.
 */
public final class Ec2Commands {

    private final Ec2Service ec2;
    private final Ec2Costs costs;
    private final Clock clock;
    private final InstanceLocator locator;
    private final InstanceListings listings;

    /**
     * @param listings where {@code ec2 list} reuses a recent listing (shared with the cost scan);
     *                 {@link InstanceListings#none} to ask AWS every time
     */
    public Ec2Commands(Ec2Service ec2, PriceTable prices, Clock clock,
                       InstanceListings listings) {
        this.listings = listings;
        this.ec2 = ec2;
        this.costs = new Ec2Costs(prices);
        this.clock = clock;
        this.locator = new InstanceLocator(ec2);
    }

    /** The wrong-region hint also looks in the user's other accounts ({@code aws.accounts}). */
    public Ec2Commands searchingAccounts(InstanceLocator.AccountSearch search) {
        locator.searchAccounts(search);
        return this;
    }

    public List<CommandSpec> commands() {
        List<CommandSpec> specs = new ArrayList<>();
        specs.add(CommandSpec.command("ec2 list")
                .usage("ec2 list [--region r | --all-regions] [--state running|stopped|pending|stopping|shutting-down|terminated] [--fresh]")
                .description("Lists instances: name, id, type, state, public IP, Elastic IP, age, owner, region")
                .example("ec2 list --all-regions --state running")
                .flags("region", "state").switches("all-regions", "fresh").args(0, 0)
                .handledBy(new ListCommand(ec2, listings, clock)));
        specs.add(CommandSpec.command("ec2 show").usage("ec2 show <name|id> [--region r]")
                .description("Shows one instance: addresses, security-group rules, volumes, cost")
                .example("ec2 show web-1")
                .flags("region").args(1, 1)
                .handledBy(new ShowCommand(ec2, locator, costs, clock)));
        specs.add(CommandSpec.command("ec2 launch")
                .usage("ec2 launch <name> [--type t3.micro] [--ami al2023|ubuntu-24.04|ubuntu-22.04|ami-...] [--key <key pair>] "
                        + "[--open 80,443] [--from <cidr>] [--disk 8] [--ttl 7d] [--app spring|express --artifact <url> [--port 8080] "
                        + "[--sha256 <hex>] [--allow-http] [--https nginx --domain <fqdn> [--email <address>]]] [--region r] [--dry-run]")
                .description("Launches an instance with its own security group, after showing the plan and its monthly cost")
                .example("ec2 launch web-1 --type t3.small --open 80,443 --ttl 7d --dry-run")
                .role(Role.DEPLOYER).flags("type", "ami", "key", "open", "from", "disk", "ttl", "region",
                        "app", "artifact", "port", "https", "domain", "email", "sha256")
                .switches("allow-http")
                .args(1, 1)
                .flagDefault("type", LaunchOptions.DEFAULT_TYPE)
                .flagDefault("disk", String.valueOf(LaunchOptions.DEFAULT_DISK_GB))
                .changes(new LaunchCommand(ec2, costs, clock)));
        specs.add(lifecycle(LifecycleCommand.Action.START, Role.DEPLOYER,
                "Starts a stopped instance (it gets a new public IP unless it has an Elastic IP)"));
        specs.add(lifecycle(LifecycleCommand.Action.STOP, Role.DEPLOYER,
                "Stops an instance; its disks stay (and are billed)"));
        specs.add(lifecycle(LifecycleCommand.Action.REBOOT, Role.DEPLOYER, "Reboots a running instance"));
        // Deployers may ask; approvals.actions holds every terminate until someone else approves it.
        specs.add(lifecycle(LifecycleCommand.Action.TERMINATE, Role.DEPLOYER,
                "Terminates an instance for good (after approval); names the Elastic IPs left behind"));
        return specs;
    }

    private CommandSpec lifecycle(LifecycleCommand.Action action, Role role, String description) {
        return CommandSpec.command("ec2 " + action.verb())
                .usage("ec2 " + action.verb() + " <name|id> [--region r] [--dry-run]")
                .description(description)
                .example("ec2 " + action.verb() + " web-1")
                .role(role).flags("region").args(1, 1)
                .changes(new LifecycleCommand(action, ec2, locator, costs));
    }
}
