package dev.deckhand.costwatch;

import dev.deckhand.chat.Progress;
import dev.deckhand.ratelimit.CallBudget;
import dev.deckhand.ratelimit.FreshQuota;
import dev.deckhand.ratelimit.SingleFlight;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What stands between chat and {@link ScanService}: scans asked for at the same time share one AWS
 * round ({@link SingleFlight}, keyed by account, regions and freshness; the scan always covers every
 * kind), and {@code --fresh} is rationed per user and per team ({@link FreshQuota}); past the ration the
 * cached answer is given with its age and the time a fresh one is possible.
 */
public final class ScanGate {

    /** One round of AWS calls; two asks with equal keys get the same answer. */
    record ScanKey(String account, List<String> regions, boolean fresh) { }

    /** How an answer was obtained. */
    public sealed interface Source {

        /** This request's own round (from AWS, or from the cache when not fresh). */
        record Own() implements Source { }

        /** Another request's round, running when this one came in: no AWS calls of its own. */
        record Shared() implements Source { }

        /**
         * {@code --fresh} refused by the quota: answered from the cache.
         *
         * @param asOf    when AWS was asked for the oldest region in the answer; empty when some region
         *                was not cached and had to be asked now
         * @param freshAt when this user may scan fresh again
         * @param byTeam  the team's quota refused it, not the user's own
         */
        record Limited(Optional<Instant> asOf, Instant freshAt, boolean byTeam) implements Source { }
    }

    /** @param result the scan; @param source how it was obtained */
    public record GatedScan(ScanResult result, Source source) { }

    private final ScanService scans;
    private final FreshQuota quota;
    private final Clock clock;
    private final SingleFlight<ScanKey, ScanResult> flights = new SingleFlight<>();

    public ScanGate(ScanService scans, FreshQuota quota, Clock clock) {
        this.scans = scans;
        this.quota = quota;
        this.clock = clock;
    }

    /**
     * @param user     who asks (the fresh quota is theirs)
     * @param only     regions to scan; empty: every watched region
     * @param fresh    ask AWS even when the cache could answer
     * @param progress told as regions finish, when this request runs the round
     */
    public GatedScan scan(String user, List<String> only, boolean fresh, Progress progress) {
        // Places, not names: with accounts, two users' "eu-west-1" are dev/eu-west-1 and prod/eu-west-1, and one
        // must never join the other's round.
        List<String> places = only.stream().map(scans::place).toList();
        List<String> targets = places.isEmpty() ? scans.regions() : places;
        List<String> sorted = targets.stream().sorted().distinct().toList();
        ScanKey freshKey = new ScanKey(CallBudget.DEFAULT_ACCOUNT, sorted, true);
        ScanKey cachedKey = new ScanKey(CallBudget.DEFAULT_ACCOUNT, sorted, false);
        if (fresh) {
            AtomicReference<FreshQuota.Decision> decision = new AtomicReference<>();
            Optional<SingleFlight.Flight<ScanResult>> flight = flights.joinOrStart(freshKey, () -> {
                decision.set(quota.take(user, share(sorted)));
                return decision.get() instanceof FreshQuota.Decision.Granted;
            }, () -> scans.scan(places, true, progress));
            if (flight.isPresent()) {
                return gated(flight.get());
            }
            FreshQuota.Decision.Refused refused = (FreshQuota.Decision.Refused) decision.get();
            Optional<Instant> asOf = scans.cachedSince(sorted);
            ScanResult cached = flights.run(cachedKey, () -> scans.scan(places, false, progress)).value();
            return new GatedScan(cached, new Source.Limited(asOf, refused.freshAt(), refused.byTeam()));
        }
        // A fresh round already running answers a plain ask as well as the cache would, and better.
        return gated(flights.join(freshKey).orElseGet(() -> flights.run(cachedKey, () -> scans.scan(places, false, progress))));
    }

    /** The place {@code region} names for the one asking ({@code dev/eu-west-1} with accounts). */
    public String place(String region) {
        return scans.place(region);
    }

    private static GatedScan gated(SingleFlight.Flight<ScanResult> flight) {
        return new GatedScan(flight.value(), flight.shared() ? new Source.Shared() : new Source.Own());
    }

    /** Rounds running now. */
    int running() {
        return flights.running();
    }

    /**
     * The line that tells the asker how the answer was obtained; empty for an ordinary one.
     */
    public Optional<String> note(GatedScan scan) {
        Instant now = clock.instant();
        if (scan.source() instanceof Source.Shared) {
            return Optional.of("Shared: another request was scanning the same regions; this is its answer "
                    + "(no AWS calls of its own).");
        }
        if (scan.source() instanceof Source.Limited limited) {
            String rule = "`--fresh` is limited to one full scan per person every " + words(quota.perUser())
                    + " and one per team every " + words(quota.perTeam());
            String age = limited.asOf().map(at -> "Deckhand's cached answer, asked " + ago(Duration.between(at, now)))
                    .orElse("Deckhand's cached answer where it had one (regions not cached were asked now)");
            Duration wait = Duration.between(now, limited.freshAt());
            return Optional.of(rule + (limited.byTeam() ? " (someone else just scanned)" : "") + ". This is " + age
                    + ". A fresh scan is possible " + (wait.isNegative() || wait.isZero() ? "now" : "in " + words(wait)) + ".");
        }
        return Optional.empty();
    }

    /** The share of a full scan that {@code regions} are (a one-region fresh scan costs 1/N of the quota). */
    private double share(List<String> regions) {
        int all = scans.regions().size();
        return all == 0 ? 1 : Math.min(1, (double) regions.size() / all);
    }

    private static String ago(Duration age) {
        return age.toSeconds() < 1 ? "just now" : words(age) + " ago";
    }

    /** "42 s", "3 min", "1 min 5 s": seconds rounded up, so a wait is never understated. */
    static String words(Duration d) {
        long s = (d.toMillis() + 999) / 1000;
        if (s < 60) {
            return s + " s";
        }
        return s / 60 + " min" + (s % 60 == 0 ? "" : " " + s % 60 + " s");
    }
}
