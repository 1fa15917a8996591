package dev.deckhand.costwatch;

import dev.deckhand.access.Role;
import dev.deckhand.chat.Reply;
import dev.deckhand.command.CommandContext;
import dev.deckhand.command.CommandSpec;
import dev.deckhand.validate.UsageException;
import dev.deckhand.command.UserFacingException;
import dev.deckhand.pricing.PriceTable;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code leaks} (scan on demand), {@code leaks snooze}, {@code leaks keep} and {@code leaks cleanup}
 * ({@link LeakCleanup}; the digest's buttons send these back in, through the same permission check,
 * plan and approvals).
 */
public final class LeaksCommands {

    /** Lines a chat message holds comfortably (Slack cuts a section at 3000 characters). */
    static final int MAX_LINES = 30;
    private static final Pattern SNOOZE = Pattern.compile("(\\d{1,2})d");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm z", Locale.ENGLISH);

    private final ScanGate gate;
    private final ReminderStore reminders;
    private final LeakCleanup cleanup;
    private final Clock clock;
    private final ZoneId zone;
    private final String priceDate;

    /** @param gate what chat's scans go through: shared rounds, rationed {@code --fresh} */
    public LeaksCommands(ScanService scans, ScanGate gate, ReminderStore reminders, LeakCleaner cleaner, Clock clock,
                         ZoneId zone, String priceDate) {
        this.gate = gate;
        this.reminders = reminders;
        this.cleanup = new LeakCleanup(scans, reminders, cleaner, priceDate);
        this.clock = clock;
        this.zone = zone;
        this.priceDate = priceDate;
    }

    public List<CommandSpec> commands() {
        return List.of(
                CommandSpec.command("leaks").usage("leaks [--region r | --all-regions] [--fresh] [--json]")
                        .description("Finds what keeps billing (idle IPs, volumes, load balancers, instances), every region unless --region")
                        .example("leaks --region us-east-1").flags("region").switches("all-regions", "fresh", "json").args(0, 0)
                        .handledBy(this::scan),
                CommandSpec.command("leaks snooze").usage("leaks snooze <id> <1d|7d> [--region r]")
                        .description("Leaves a finding out of the cost digest for some days")
                        .example("leaks snooze eipalloc-0abc1234 7d").role(Role.DEPLOYER).flags("region").args(2, 2)
                        .handledBy(this::snooze),
                CommandSpec.command("leaks keep").usage("leaks keep <id> <reason> [--region r]")
                        .description("Marks a finding as wanted; the digest stays quiet until the resource changes")
                        .example("leaks keep vol-0abc1234 \"database backup until March\"").role(Role.DEPLOYER).flags("region").args(2, 40)
                        .handledBy(this::keep),
                CommandSpec.command("leaks cleanup").usage("leaks cleanup <" + LeakKind.nouns() + "> <id> [--region r]")
                        .description("Terminates, releases or deletes a resource the latest scan reports as a finding, "
                                + "in its region (always approved first)")
                        .example("leaks cleanup eip eipalloc-0abc1234 --region us-east-1").role(Role.DEPLOYER)
                        .flags("region").args(2, 2)
                        .changes(cleanup));
    }

    private Reply scan(CommandContext context) {
        if (context.args().has("region") && context.args().has("all-regions")) {
            throw new UsageException("Give --region or --all-regions, not both.", "For example: leaks --region us-east-1");
        }
        List<String> only = context.args().has("region") ? List.of(context.region()) : List.of();
        ScanGate.GatedScan gated = gate.scan(context.user(), only, context.args().has("fresh"), context.progress());
        ScanResult result = gated.result();
        if (context.args().has("json")) {
            // Verbatim, not a code block in the body: chat must not turn an owner's user id into a mention or cut
            // a long document; a script gets exactly ScanJson's text.
            return Reply.builder().verbatim(ScanJson.render(result, priceDate)).build();
        }
        Reply.Builder b = Reply.builder().header("Cost leaks: " + result.totalText() + "/month in "
                + result.totalsByRegion().size() + (result.totalsByRegion().size() == 1 ? " region" : " regions"));
        if (result.totalsByRegion().isEmpty()) {
            b.line("No region could be scanned.");
        } else if (result.leaks().isEmpty()) {
            b.line("Nothing is billing idly" + (result.complete() ? "." : " in what could be judged."));
        }
        int shown = 0;
        for (RegionOutcome outcome : result.regions()) {
            if (outcome instanceof RegionOutcome.Scanned s && !s.leaks().isEmpty()) {
                b.line("*" + s.region() + "*: " + PriceTable.usd(s.total()) + "/month");
                for (Leak l : s.leaks()) {
                    if (shown++ < MAX_LINES) {
                        b.line("• " + LeakCards.line(l) + " (owner: " + LeakCards.ownerText(l.owner()) + ")"
                                + mark(l, result.states()));
                    }
                }
            } else if (outcome instanceof RegionOutcome.Failed f) {
                b.line(":warning: " + f.region() + " was not scanned: " + f.reason());
            }
        }
        result.gaps().forEach(gap -> b.line(LeakCards.partlyScanned(gap)));
        if (shown > MAX_LINES) {
            b.context((shown - MAX_LINES) + " more not listed here (a chat message has room for about "
                    + MAX_LINES + "); `leaks --region <r>` narrows it, `deckhand scan` prints every one.");
        }
        if (result.leaks().size() == 1) {
            LeakCards.buttons(result.leaks().get(0), false).forEach(b::button);
        }
        gate.note(gated).ifPresent(b::context);
        b.context("Estimates from the price table dated " + priceDate + ". Results are reused for a few minutes; "
                + "`leaks --fresh` asks AWS again.");
        return b.build();
    }

    private String mark(Leak leak, Map<LeakKey, ReminderState> states) {
        Optional<ReminderState> state = Optional.ofNullable(states.get(leak.key()));
        if (state.isEmpty()) {
            return "";
        }
        if (state.get().isKept(leak.fingerprint())) {
            return " [kept by " + state.get().keptBy() + ": " + state.get().keptReason() + "]";
        }
        if (state.get().isSnoozed(clock.instant())) {
            return " [snoozed until " + WHEN.format(state.get().snoozedUntil().atZone(zone)) + "]";
        }
        return "";
    }

    private Reply snooze(CommandContext context) {
        String id = context.args().positional(0);
        Matcher m = SNOOZE.matcher(context.args().positional(1).toLowerCase(Locale.ROOT));
        int days = m.matches() ? Integer.parseInt(m.group(1)) : 0;
        if (days < 1 || days > 30) {
            throw new UsageException("'" + context.args().positional(1) + "' is not a snooze length.",
                    "Give days from 1d to 30d, e.g. leaks snooze " + id + " 7d");
        }
        ReminderState state = known(context, id);
        Instant until = clock.instant().plus(Duration.ofDays(days));
        reminders.snooze(state.key(), until);
        return Reply.inChannel(context.user() + " snoozed `" + state.leakId() + "` in " + state.region() + " until "
                + WHEN.format(until.atZone(zone)) + ".");
    }

    private Reply keep(CommandContext context) {
        String id = context.args().positional(0);
        String reason = String.join(" ", context.args().positionals().subList(1, context.args().positionals().size()));
        ReminderState state = known(context, id);
        reminders.keep(state.key(), context.user(), reason, state.fingerprint(), clock.instant());
        return Reply.inChannel(context.user() + " keeps `" + state.leakId() + "` in " + state.region() + ": " + reason
                + ". The cost digest stays quiet about it until it changes.");
    }

    /**
     * The finding {@code id} names: ids are unique per region only (a Classic load balancer's name), so
     * with {@code --region} it is looked up there, and without it an id known in several regions is
     * refused with the choices rather than guessed.
     */
    private ReminderState known(CommandContext context, String id) {
        List<ReminderState> found = reminders.findById(id);
        // Findings are stored under their place: with accounts a plain --region is the caller's account's.
        String place = context.args().has("region") ? gate.place(context.region()) : "";
        if (!place.isEmpty()) {
            found = found.stream().filter(s -> s.region().equals(place)).toList();
        }
        if (found.isEmpty()) {
            throw new UserFacingException("No finding `" + id + "` is known"
                    + (place.isEmpty() ? "" : " in " + place) + ". "
                    + "Run `leaks` to scan, then use an id it lists.");
        }
        if (found.size() > 1) {
            throw new UsageException("`" + id + "` is a finding in more than one region ("
                    + found.stream().map(ReminderState::region).collect(java.util.stream.Collectors.joining(", ")) + ").",
                    "Name the region, e.g. " + context.spec().name() + " " + id + " ... --region " + found.get(0).region());
        }
        return found.get(0);
    }
}
