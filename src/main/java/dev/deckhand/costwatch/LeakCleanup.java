package dev.deckhand.costwatch;

import dev.deckhand.accounts.CallerScope;
import dev.deckhand.chat.Reply;
import dev.deckhand.command.Change;
import dev.deckhand.command.CommandContext;
import dev.deckhand.validate.UsageException;
import dev.deckhand.command.UserFacingException;
import dev.deckhand.plan.Cost;
import dev.deckhand.plan.Effect;
import dev.deckhand.plan.Kind;
import dev.deckhand.plan.Owner;
import dev.deckhand.plan.Plan;
import dev.deckhand.plan.Target;
import dev.deckhand.pricing.PriceTable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code leaks cleanup <noun> <id> [--region r]}: removes a resource only because, and only while, the
 * latest scan reports it as a finding. The plan looks the id up among the findings (the cached scan,
 * or a new one where the cache has gone stale): an id that is not a finding, or is one of another
 * kind, is refused at once, before any approval. The plan is a {@code Delete} of that resource in the
 * finding's region (not the channel's), with the finding and its saving shown; being destructive it
 * is always held for approval. {@code --region} narrows the search to one region; without it every
 * watched region's latest scan is searched.
 */
final class LeakCleanup implements Change {

    private final ScanService scans;
    private final ReminderStore reminders;
    private final LeakCleaner cleaner;
    private final String priceDate;

    LeakCleanup(ScanService scans, ReminderStore reminders, LeakCleaner cleaner, String priceDate) {
        this.scans = scans;
        this.reminders = reminders;
        this.cleaner = cleaner;
        this.priceDate = priceDate;
    }

    @Override
    public Plan plan(CommandContext context) {
        String noun = context.args().positional(0).toLowerCase(Locale.ROOT);
        String id = context.args().positional(1);
        if (!LeakKind.isNoun(noun)) {
            throw new UsageException("'" + noun + "' is not something `leaks cleanup` removes.",
                    "Use one of " + LeakKind.nouns() + ", e.g. leaks cleanup eip eipalloc-0abc1234 --region us-east-1");
        }
        cleaner.checkId(noun, id);
        Leak leak = finding(context, noun, id);
        // With aws.accounts a finding's region is a place, "dev/eu-west-1": the plan takes its account and its
        // region apart, as every other plan has them, so the card reads "dev/eu-west-1" (Plan#where) and not the
        // caller's account in front of the place again.
        String account = accountOf(leak.region());
        String region = regionOf(leak.region());
        String caller = CallerScope.currentAccount();
        if (!account.isEmpty() && !account.equals(caller)) {
            // Permissions were checked in the caller's account: a finding of another one is removed from there.
            throw new UserFacingException("`" + id + "` is a finding in account " + account + " (" + leak.region()
                    + "), not in " + (caller.isEmpty() ? "this command's account" : caller) + " where this command acts. "
                    + "Nothing was changed. To remove it: `" + LeakCards.cleanupCommand(leak) + "`");
        }
        Target target = new Target(kind(leak.kind()), leak.id(), region, owner(leak), "", leak.title(),
                leak.kind().name() + " " + leak.fingerprint(), account.isEmpty() ? caller : account);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("Finding", leak.kind().label() + " " + leak.title() + ": " + leak.reason());
        details.put("Owner", LeakCards.ownerText(leak.owner()));
        details.put("Saving", (leak.priceUnknown() ? "at least " : "about ") + PriceTable.usd(leak.monthlyCost())
                + "/month (price table dated " + priceDate + ")");
        Cost saving = leak.priceUnknown()
                ? Cost.unknown("part of " + leak.title() + "'s price is unknown (at least "
                        + PriceTable.usd(leak.monthlyCost()) + "/month)")
                : Cost.usd(leak.monthlyCost().negate());
        // An idle running database is stopped, not deleted (AWS starts it again after seven days).
        Effect effect = leak.kind() == LeakKind.IDLE_DATABASE
                ? new Effect.SetState(target, Effect.SetState.Transition.STOP, saving)
                : new Effect.Delete(target, saving);
        List<String> notes = leak.kind() == LeakKind.STOPPED_DATABASE
                ? List.of("A final snapshot is taken before the database is deleted (never deleted without one).")
                : List.of();
        return new Plan(context.planId(), context.spec().name(), context.user(), region,
                List.of(effect), details, notes);
    }

    /** The finding {@code id} names, of kind {@code noun}, in the latest scan; else why not, at once. */
    private Leak finding(CommandContext context, String noun, String id) {
        boolean narrowed = context.args().has("region");
        ScanResult scan = scans.scan(narrowed ? List.of(context.region()) : List.of(), false, context.progress());
        List<Leak> found = scan.leaks().stream().filter(l -> l.id().equals(id)).toList();
        if (found.isEmpty()) {
            throw new UserFacingException(notAFinding(scan, noun, id, narrowed ? scans.place(context.region()) : ""));
        }
        if (found.size() > 1) {
            String regions = found.stream().map(Leak::region).collect(Collectors.joining(", "));
            throw new UsageException("`" + id + "` is a finding in more than one region (" + regions + ").",
                    "Name the region, e.g. leaks cleanup " + noun + " " + id + " --region " + found.get(0).region());
        }
        Leak leak = found.get(0);
        if (!leak.kind().noun().equals(noun)) {
            throw new UserFacingException("`" + id + "` is a finding of another kind: " + leak.kind().label() + " "
                    + leak.title() + " in " + leak.region() + ", not " + article(noun) + ". Nothing was changed. If it is the "
                    + "one to remove: `" + LeakCards.cleanupCommand(leak) + "`");
        }
        return leak;
    }

    private String notAFinding(ScanResult scan, String noun, String id, String narrowedTo) {
        StringBuilder why = new StringBuilder("`" + id + "` is not a finding of the latest scan");
        why.append(narrowedTo.isEmpty() ? " (" + String.join(", ", scan.totalsByRegion().keySet()) + ")"
                : " of " + narrowedTo).append(", so `leaks cleanup` will not remove it. Nothing was changed.");
        if (!narrowedTo.isEmpty()) {
            scans.cachedAnywhere(id).stream().filter(l -> !l.region().equals(narrowedTo)).findFirst()
                    .ifPresent(l -> why.append(" It is a finding in ").append(l.region()).append(": `")
                            .append(LeakCards.cleanupCommand(l)).append("`"));
        }
        for (RegionOutcome.Failed failed : scan.failures()) {
            why.append(" (").append(failed.region()).append(" could not be scanned: ").append(failed.reason()).append(")");
        }
        for (RegionOutcome.Gap gap : scan.gaps()) {
            why.append(" (").append(gap.region()).append(" was only partly scanned: ").append(gap.reason()).append(")");
        }
        why.append(" `leaks` lists the findings; a resource that is not a leak is removed with its own command "
                + "(e.g. `ec2 terminate`), which asks for approval.");
        return why.toString();
    }

    @Override
    public Reply apply(CommandContext context, Plan plan) {
        Effect delete = plan.effects().get(0);
        Target target = delete.target();
        // The noun was checked against the finding's kind when this plan was made.
        String noun = context.args().positional(0).toLowerCase(Locale.ROOT);
        // The finding's place again (account/region with accounts, else the region), as scans and the cleaner name it.
        String place = plan.where();
        String done = cleaner.cleanUp(noun, target.id(), place);
        scans.invalidate();
        reminders.forget(new LeakKey(noun, place, target.id()));
        String saving = delete.monthlyChange() instanceof Cost.Known known
                ? " It was costing about " + PriceTable.usd(known.usdPerMonth().negate()) + "/month." : "";
        return Reply.inChannel(done + " in " + place + " for " + context.user() + "." + saving);
    }

    /** {@code dev} of {@code dev/eu-west-1}; empty for a plain region (no accounts configured). */
    private static String accountOf(String place) {
        int slash = place.indexOf('/');
        return slash < 0 ? "" : place.substring(0, slash);
    }

    /** {@code eu-west-1} of {@code dev/eu-west-1} or of {@code eu-west-1}. */
    private static String regionOf(String place) {
        return place.substring(place.indexOf('/') + 1);
    }

    private static Kind kind(LeakKind kind) {
        return switch (kind) {
            case RUNNING_INSTANCE, STOPPED_INSTANCE, EXPIRED_INSTANCE -> Kind.INSTANCE;
            case ELASTIC_IP -> Kind.ELASTIC_IP;
            case LOAD_BALANCER, CLASSIC_LOAD_BALANCER -> Kind.LOAD_BALANCER;
            case VOLUME -> Kind.VOLUME;
            case NAT_GATEWAY -> Kind.NAT_GATEWAY;
            case SNAPSHOT -> Kind.SNAPSHOT;
            case STOPPED_DATABASE, IDLE_DATABASE -> Kind.DATABASE;
        };
    }

    private static Owner owner(Leak leak) {
        return leak.hasOwner() ? Owner.of(leak.owner()) : new Owner.Nobody();
    }

    private static String article(String noun) {
        return switch (noun) {
            case "instance" -> "an instance";
            case "eip" -> "an Elastic IP";
            case "volume" -> "a volume";
            case "lb" -> "a load balancer";
            case "nat" -> "a NAT gateway";
            case "snapshot" -> "a snapshot";
            case "rds" -> "an RDS database";
            default -> "a Classic load balancer";
        };
    }
}
