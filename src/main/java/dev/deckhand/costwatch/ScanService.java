package dev.deckhand.costwatch;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.deckhand.chat.Progress;
import dev.deckhand.pricing.PriceTable;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Scans regions in parallel and remembers each region's findings for the configured time (Caffeine,
 * ticking on the injected clock), so {@code leaks} right after a scan, or a digest, costs no AWS
 * calls. Failed regions are never cached. Deckhand's own changes call {@link #invalidate}.
 */
public final class ScanService {

    private static final String REGIONS_KEY = "regions";

    private final LeakScanner scanner;
    private final List<String> configuredRegions;
    private final Clock clock;
    private final ReminderStore reminders;
    /**
     * Each place's newest answer, with when AWS was asked for it; a failure is kept as an entry without an
     * answer. Answers arrive in any order (the digest and a user's fresh scan overlap), so an entry is only
     * ever replaced by one asked no earlier: an older answer never lands over a newer answer or failure.
     */
    private final Cache<String, Entry> outcomes;

    private record Entry(RegionOutcome.Scanned answer, Instant asked) {

        boolean answered() {
            return answer != null;
        }
    }

    private final Cache<String, List<String>> regions;

    /**
     * @param configuredRegions config {@code aws.regions}; empty: ask AWS which regions are enabled
     * @param ttl               how long a region's findings are reused
     */
    public ScanService(LeakScanner scanner, List<String> configuredRegions, Clock clock, Duration ttl,
                       ReminderStore reminders) {
        this.scanner = scanner;
        this.configuredRegions = List.copyOf(configuredRegions);
        this.clock = clock;
        this.reminders = reminders;
        Ticker ticker = () -> {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
        this.outcomes = Caffeine.newBuilder().expireAfterWrite(ttl).ticker(ticker).build();
        this.regions = Caffeine.newBuilder().expireAfterWrite(ttl).ticker(ticker).build();
    }

    /** The regions a full scan covers: config's list, else the account's enabled regions (cached). */
    public List<String> regions() {
        if (!configuredRegions.isEmpty()) {
            return configuredRegions;
        }
        return regions.get(REGIONS_KEY, k -> scanner.enabledRegions());
    }

    /**
     * @param only     regions to scan; empty: every region of {@link #regions()}
     * @param fresh    ask AWS even when a cached result is young enough
     * @param progress told as each region finishes (from scan threads)
     */
    public ScanResult scan(List<String> only, boolean fresh, Progress progress) {
        List<String> targets = only.isEmpty() ? regions() : only;
        Progress serial = step -> {
            synchronized (progress) {
                progress.report(step);
            }
        };
        List<CompletableFuture<RegionOutcome>> futures = new ArrayList<>();
        // Regions AWS was asked about in this call and judged in full, with when: only their answers can say a
        // remembered finding is gone (a cached answer may be older than another replica's newer scan).
        Map<String, Instant> judged = new java.util.concurrent.ConcurrentHashMap<>();
        for (String region : targets.stream().map(scanner::place).distinct().toList()) {
            Entry entry = fresh ? null : outcomes.getIfPresent(region);
            RegionOutcome.Scanned cached = entry == null ? null : entry.answer();
            if (cached != null) {
                futures.add(CompletableFuture.completedFuture(cached));
                continue;
            }
            Instant asked = clock.instant();
            futures.add(scanner.scan(region).thenApply(outcome -> {
                // The newest answer stands, a partial one too (without CloudWatch every answer is partial, and the
                // cache must still spare AWS), and a failure too: clean-up reads the cache, so an older answer
                // must not outlive a newer failure. Only a full answer can show a finding gone.
                RegionOutcome.Scanned scanned = outcome instanceof RegionOutcome.Scanned s ? s : null;
                outcomes.asMap().compute(region, (k, held) -> held != null && held.asked().isAfter(asked) ? held
                        : new Entry(scanned, asked));
                if (scanned != null && scanned.gaps().isEmpty()) {
                    judged.put(scanned.region(), asked);
                }
                serial.report(progressLine(outcome));
                return outcome;
            }));
        }
        List<RegionOutcome> done = futures.stream().map(CompletableFuture::join).toList();
        Instant now = clock.instant();
        List<Leak> all = done.stream().filter(RegionOutcome.Scanned.class::isInstance)
                .flatMap(o -> ((RegionOutcome.Scanned) o).leaks().stream()).toList();
        Map<LeakKey, ReminderState> states = reminders.recordSeen(all, judged, now);
        List<RegionOutcome> enriched = done.stream().map(o -> enrich(o, states, now)).toList();
        return new ScanResult(now, enriched, states);
    }

    /** The place {@code region} names for the one asking (see {@link LeakScanner#place}). */
    public String place(String region) {
        return scanner.place(region);
    }

    /** Findings with this id in any region's cached scan, without asking AWS. */
    public List<Leak> cachedAnywhere(String id) {
        return outcomes.asMap().values().stream().filter(Entry::answered).flatMap(e -> e.answer().leaks().stream())
                .filter(l -> l.id().equals(id)).sorted(java.util.Comparator.comparing(Leak::region)).toList();
    }

    /**
     * When AWS was asked for the oldest of {@code regions}' cached findings; empty when any of them is
     * not cached (answering them would ask AWS).
     */
    public Optional<Instant> cachedSince(List<String> regions) {
        Instant oldest = null;
        for (String region : regions.stream().map(scanner::place).toList()) {
            Entry entry = outcomes.getIfPresent(region);
            Instant at = entry == null || !entry.answered() ? null : entry.asked();
            if (at == null) {
                return Optional.empty();
            }
            oldest = oldest == null || at.isBefore(oldest) ? at : oldest;
        }
        return Optional.ofNullable(oldest);
    }

    /** Forgets every cached finding; the next {@code leaks} asks AWS again. */
    public void invalidate() {
        outcomes.invalidateAll();
    }

    /** AWS gives no start time for an idle Elastic IP: its age is since Deckhand first saw it. */
    private static RegionOutcome enrich(RegionOutcome outcome, Map<LeakKey, ReminderState> states, Instant now) {
        if (!(outcome instanceof RegionOutcome.Scanned s)) {
            return outcome;
        }
        return s.with(s.region(), s.leaks().stream().map(l -> {
            ReminderState state = states.get(l.key());
            return state == null ? l : l.withSinceIfUnknown(state.firstSeen(), now);
        }).toList());
    }

    static String progressLine(RegionOutcome outcome) {
        if (outcome instanceof RegionOutcome.Scanned s) {
            return s.region() + ": " + s.leaks().size() + (s.leaks().size() == 1 ? " finding, " : " findings, ")
                    + PriceTable.usd(s.total()) + "/month ("
                    + String.format(java.util.Locale.ROOT, "%.1f s", s.took().toMillis() / 1000.0) + ")"
                    + (s.gaps().isEmpty() ? "" : "; only partly scanned: " + String.join("; ", s.gaps()));
        }
        RegionOutcome.Failed f = (RegionOutcome.Failed) outcome;
        return f.region() + ": not scanned. " + f.reason();
    }
}
