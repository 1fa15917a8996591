package dev.deckhand.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Instance prices: the dated table first (offline, no call); a type or region it lacks is asked of the
 * Price List API once and kept in the store with its date, reused for {@link #MAX_AGE}. When the API
 * cannot answer, the table's us-east-1 price stands in (with a note), and when that is missing too the
 * price is unknown: the finding says so and totals say "at least". Never zero.
 */
public final class LivePrices implements InstancePrices {

    static final Duration MAX_AGE = Duration.ofDays(30);

    private final PriceTable table;
    private final PriceLookup lookup;
    private final PriceCache cache;
    private final Clock clock;

    public LivePrices(PriceTable table, PriceLookup lookup, PriceCache cache, Clock clock) {
        this.table = table;
        this.lookup = lookup;
        this.cache = cache;
        this.clock = clock;
    }

    @Override
    public Optional<PriceTable.Estimate> instance(String region, String type) {
        Optional<PriceTable.Estimate> fromTable = table.instance(region, type);
        if (fromTable.isPresent() && fromTable.get().note().isEmpty()) {
            return fromTable;
        }
        Instant now = clock.instant();
        Optional<PriceCache.Cached> cached = cache.find(region, type)
                .filter(c -> c.asOf().plus(MAX_AGE).isAfter(now));
        if (cached.isEmpty()) {
            cached = lookup.hourlyUsd(region, type).map(hourly -> {
                cache.put(region, type, hourly, now);
                return new PriceCache.Cached(hourly, now);
            });
        }
        if (cached.isPresent()) {
            BigDecimal monthly = cached.get().usdPerHour().multiply(BigDecimal.valueOf(table.hoursPerMonth()))
                    .setScale(2, RoundingMode.HALF_UP);
            return Optional.of(new PriceTable.Estimate(monthly, "Price List API price of "
                    + LocalDate.ofInstant(cached.get().asOf(), ZoneOffset.UTC)));
        }
        return fromTable; // the us-east-1 stand-in with its note, or empty: unknown
    }
}
