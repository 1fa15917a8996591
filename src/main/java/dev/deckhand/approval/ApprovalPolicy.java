package dev.deckhand.approval;

import dev.deckhand.access.Decision;
import dev.deckhand.command.Arguments;
import dev.deckhand.command.CommandSpec;
import dev.deckhand.ec2.LaunchOptions;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides whether a permitted command runs now or waits for someone else's approval. A command
 * needs approval when it is listed in {@code approvals.actions}; when it opens a listed port
 * ({@code approvals.worldOpenPorts}) to the whole internet ({@code ec2 launch --open <ports> [--from
 * cidr]}, where --from defaults to 0.0.0.0/0 and the ports are the launch's final ones, see
 * {@link LaunchOptions#openedPorts}, or {@code sg open <group> <port> --from cidr}); when it goes
 * beyond the asker's role limits (the permission checker said {@link Decision.NeedsApproval}); or when
 * its estimated cost is above {@code approvals.monthlyCostLimit} (only with a {@link CostEstimate}).
 * A {@code --dry-run} changes nothing, so it always runs now.
 */
public final class ApprovalPolicy {

    /** Why a command is held, and what it would cost per month when known. */
    public record Hold(String reason, Optional<BigDecimal> monthlyChange) { }

    static final String WORLD = "0.0.0.0/0";
    private static final Set<String> WORLD_CIDRS = Set.of("0.0.0.0/0", "::/0", "::0/0");

    private final ApprovalSettings settings;
    private final CostEstimate costs;

    public ApprovalPolicy(ApprovalSettings settings, CostEstimate costs) {
        this.settings = settings;
        this.costs = costs;
    }

    /** @return the hold when approval is needed, empty to run now */
    public Optional<Hold> check(CommandSpec spec, Arguments args, String region, Decision decision) {
        if (args.has("dry-run")) {
            return Optional.empty();
        }
        List<String> reasons = new ArrayList<>();
        if (settings.actions().contains(spec.name())) {
            reasons.add("`" + spec.name() + "` always needs approval.");
        }
        worldOpen(spec, args).ifPresent(reasons::add);
        if (decision instanceof Decision.NeedsApproval needs) {
            reasons.add(needs.reason());
        }
        Optional<BigDecimal> cost = costs.monthlyChange(spec, args, region);
        if (cost.isPresent() && cost.get().compareTo(settings.monthlyCostLimit()) > 0) {
            reasons.add("Estimated at " + ApprovalCards.money(cost.get()) + "/month, above the "
                    + ApprovalCards.money(settings.monthlyCostLimit()) + " limit.");
        }
        return reasons.isEmpty() ? Optional.empty() : Optional.of(new Hold(String.join(" ", reasons), cost));
    }

    /** The monthly estimate alone, for cards of commands held for another reason. */
    Optional<BigDecimal> estimate(CommandSpec spec, Arguments args, String region) {
        return costs.monthlyChange(spec, args, region);
    }

    private Optional<String> worldOpen(CommandSpec spec, Arguments args) {
        List<String> ports;
        if (spec.name().equals("ec2 launch")) {
            // The launch's own reading (--open or its default, plus nginx's 80/443 with --https nginx).
            ports = LaunchOptions.openedPorts(args);
        } else if (spec.name().equals("sg open")) {
            ports = args.optionalPositional(1).map(p -> List.of(p.split(","))).orElse(List.of());
        } else {
            return Optional.empty();
        }
        // ec2 launch opens its ports to the world unless told otherwise; sg open refuses a listed port
        // without an explicit --from, so only a given --from can open it to the world there.
        String from = args.flagOr("from", spec.name().equals("ec2 launch") ? WORLD : "").strip().toLowerCase();
        if (ports.isEmpty() || !WORLD_CIDRS.contains(from)) {
            return Optional.empty();
        }
        Set<Integer> opened = new TreeSet<>();
        for (String part : ports) {
            for (int port : settings.worldOpenPorts()) {
                if (covers(part.strip().toLowerCase(), port)) {
                    opened.add(port);
                }
            }
        }
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        String list = String.join(", ", opened.stream().map(String::valueOf).toList());
        return Optional.of("Opens port " + list + " to " + from + " (the whole internet).");
    }

    /** Whether a port spec ({@code 22}, {@code 20-25}, {@code all}) includes {@code port}. */
    static boolean covers(String spec, int port) {
        if (spec.equals("all") || spec.equals("-1")) {
            return true;
        }
        try {
            int dash = spec.indexOf('-');
            if (dash > 0) {
                return Integer.parseInt(spec.substring(0, dash)) <= port && port <= Integer.parseInt(spec.substring(dash + 1));
            }
            return Integer.parseInt(spec) == port;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
