package dev.deckhand.ec2;

import dev.deckhand.chat.Reply;
import dev.deckhand.command.CommandContext;
import dev.deckhand.command.Handler;
import dev.deckhand.ratelimit.SingleFlight;
import dev.deckhand.validate.UsageException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * {@code ec2 list [--region r | --all-regions] [--state s] [--fresh]}: a table of instances. With
 * {@code --all-regions} every enabled region is asked in parallel; a region that fails is named
 * under the table instead of failing the whole list. A region listed (or cost-scanned) a few minutes
 * ago is answered from {@link InstanceListings}, and the reply says so; {@code --fresh} asks AWS.
 */
public final class ListCommand implements Handler {

    private static final String[] COLUMNS = {"NAME", "ID", "TYPE", "STATE", "PUBLIC IP", "EIP", "AGE", "OWNER", "REGION"};

    private final Ec2Service ec2;
    private final InstanceListings listings;
    private final Clock clock;
    /** Lists of one region asked for at the same time share one AWS round (issue 17). */
    private final SingleFlight<String, List<InstanceSummary>> asking = new SingleFlight<>();

    public ListCommand(Ec2Service ec2, InstanceListings listings, Clock clock) {
        this.ec2 = ec2;
        this.listings = listings;
        this.clock = clock;
    }

    @Override
    public Reply handle(CommandContext context) {
        boolean all = context.args().has("all-regions");
        if (all && context.args().has("region")) {
            throw new UsageException("Use either --region or --all-regions, not both.", "For example: ec2 list --all-regions");
        }
        Optional<InstanceState> state = context.args().flag("state").map(ListCommand::state);
        // Terminated instances linger for about an hour; they are noise unless asked for.
        Predicate<InstanceSummary> wanted = state.<Predicate<InstanceSummary>>map(s -> i -> i.state() == s)
                .orElse(i -> i.state() != InstanceState.TERMINATED);
        List<String> regions = all ? ec2.enabledRegions() : List.of(context.region());
        if (all) {
            context.progress().report(regions.size() == 1 ? "Asking 1 region..."
                    : "Asking " + regions.size() + " regions in parallel...");
        }
        boolean fresh = context.args().has("fresh");
        List<InstanceSummary> instances = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        List<InstanceListings.Listing> answered = new ArrayList<>();
        AtomicBoolean shared = new AtomicBoolean();
        Function<String, List<InstanceSummary>> ask = region -> {
            SingleFlight.Flight<List<InstanceSummary>> flight = asking.run(region, () -> ec2.list(region));
            if (flight.shared()) {
                shared.set(true);
            }
            return flight.value();
        };
        if (all) {
            for (RegionFanOut.Answer<InstanceListings.Listing> answer
                    : RegionFanOut.ask(regions, r -> listings.get(r, fresh, ask))) {
                if (answer.ok()) {
                    answered.add(answer.value());
                } else {
                    failures.add(answer.region() + ": " + answer.error());
                }
            }
        } else {
            answered.add(listings.get(context.region(), fresh, ask));
        }
        answered.forEach(listing -> listing.instances().stream().filter(wanted).forEach(instances::add));
        Optional<Instant> oldestCached = answered.stream().filter(InstanceListings.Listing::cached)
                .map(InstanceListings.Listing::asOf).min(Comparator.naturalOrder());
        instances.sort(Comparator.comparing(InstanceSummary::region).thenComparing(InstanceSummary::displayName));
        String where = all ? regions.size() + " regions" : context.region();
        String which = state.map(s -> s.label() + " ").orElse("");
        Reply.Builder reply = Reply.builder().header("EC2 instances in " + where + " (" + instances.size() + ")");
        if (instances.isEmpty()) {
            reply.body("No " + which + "instances in " + where + ".");
            if (!all) {
                reply.context("Looking for one elsewhere? `ec2 list --all-regions`");
            }
        } else {
            reply.body(table(instances));
        }
        failures.forEach(f -> reply.context("Not listed: " + f));
        if (shared.get()) {
            reply.context("Shared: another request was listing the same region; this is its answer (no AWS calls of its own).");
        }
        oldestCached.ifPresent(asOf -> reply.context("From Deckhand's cache, as of " + ago(asOf)
                + "; `ec2 list --fresh` asks AWS again."));
        return reply.build();
    }

    private String ago(Instant asOf) {
        long minutes = Duration.between(asOf, clock.instant()).toMinutes();
        return minutes < 1 ? "less than a minute ago" : minutes + " min ago";
    }

    private static InstanceState state(String raw) {
        return InstanceState.byLabel(raw).orElseThrow(() -> new UsageException("--state must be one of "
                + Arrays.stream(InstanceState.values()).filter(s -> s != InstanceState.UNKNOWN).map(InstanceState::label)
                .collect(Collectors.joining(", ")) + ", not '" + raw + "'.", "For example: ec2 list --state stopped"));
    }

    private String table(List<InstanceSummary> instances) {
        List<String[]> rows = new ArrayList<>();
        rows.add(COLUMNS);
        for (InstanceSummary i : instances) {
            rows.add(new String[] {dash(i.name()), i.id(), i.type(), i.state().label(), dash(i.publicIp()),
                i.elasticIp() ? "yes" : "no", Ec2Replies.age(i.launchedAt(), clock), dash(i.owner()), i.region()});
        }
        int[] widths = new int[COLUMNS.length];
        rows.forEach(r -> {
            for (int c = 0; c < r.length; c++) {
                widths[c] = Math.max(widths[c], r[c].length());
            }
        });
        StringBuilder out = new StringBuilder("```\n");
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < r.length; c++) {
                line.append(r[c]).append(" ".repeat(widths[c] - r[c].length() + 2));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.append("```").toString();
    }

    private static String dash(String s) {
        return s.isEmpty() ? "-" : s;
    }
}
