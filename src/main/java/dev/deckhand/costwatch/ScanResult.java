package dev.deckhand.costwatch;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One scan over several regions: every region's outcome (in region order), with totals per region and
 * overall. A failed region is listed, never silently dropped.
 *
 * @param at      when the scan finished
 * @param regions one outcome per region scanned
 * @param states  every finding's reminder state as the scan recorded it, by {@link LeakKey} (read once per scan)
 */
public record ScanResult(Instant at, List<RegionOutcome> regions, Map<LeakKey, ReminderState> states) {

    public ScanResult {
        regions = regions.stream().sorted(Comparator.comparing(RegionOutcome::region)).toList();
        states = Map.copyOf(states);
    }

    public List<Leak> leaks() {
        return regions.stream()
                .flatMap(r -> r instanceof RegionOutcome.Scanned s ? s.leaks().stream() : java.util.stream.Stream.empty())
                .toList();
    }

    public List<RegionOutcome.Failed> failures() {
        return regions.stream().filter(RegionOutcome.Failed.class::isInstance).map(RegionOutcome.Failed.class::cast).toList();
    }

    /** What scanned regions could not judge, one entry per gap (see {@link RegionOutcome.Scanned#gaps}). */
    public List<RegionOutcome.Gap> gaps() {
        return regions.stream().filter(RegionOutcome.Scanned.class::isInstance).map(RegionOutcome.Scanned.class::cast)
                .flatMap(s -> s.gaps().stream().map(reason -> new RegionOutcome.Gap(s.region(), reason))).toList();
    }

    /** Every region was scanned and judged in full: no failure, no gap. */
    public boolean complete() {
        return failures().isEmpty() && gaps().isEmpty();
    }

    /** The regions that could not be scanned, or only in part, each once, in region order. */
    public List<String> incompleteRegions() {
        return java.util.stream.Stream.concat(failures().stream().map(RegionOutcome::region),
                gaps().stream().map(RegionOutcome.Gap::region)).distinct().sorted().toList();
    }

    /** Estimated USD per month over every scanned region. */
    public BigDecimal total() {
        return leaks().stream().map(Leak::monthlyCost).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Some finding's price is unknown: {@link #total} is a lower bound ("at least"). */
    public boolean totalIsLowerBound() {
        return leaks().stream().anyMatch(Leak::priceUnknown);
    }

    /** "$12.34" or "at least $12.34" when a price is unknown. */
    public String totalText() {
        return (totalIsLowerBound() ? "at least " : "") + dev.deckhand.pricing.PriceTable.usd(total());
    }

    /** Estimated USD per month by region, for regions that were scanned (failed ones are in {@link #failures}). */
    public Map<String, BigDecimal> totalsByRegion() {
        Map<String, BigDecimal> totals = new LinkedHashMap<>();
        for (RegionOutcome outcome : regions) {
            if (outcome instanceof RegionOutcome.Scanned s) {
                totals.put(s.region(), s.total());
            }
        }
        return totals;
    }

    /**
     * Estimated USD per month by account, for places named {@code account/region} (with {@code aws.accounts});
     * empty without accounts.
     */
    public Map<String, BigDecimal> totalsByAccount() {
        Map<String, BigDecimal> totals = new java.util.TreeMap<>();
        totalsByRegion().forEach((place, usd) -> {
            int slash = place.indexOf('/');
            if (slash > 0) {
                totals.merge(place.substring(0, slash), usd, BigDecimal::add);
            }
        });
        return totals;
    }

    public Optional<Leak> find(String id) {
        return leaks().stream().filter(l -> l.id().equals(id) || l.name().equals(id)).findFirst();
    }
}
