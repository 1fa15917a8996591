package dev.deckhand.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Instance prices: the dated table first (offline, no call); a type or region it lacks is asked of the
 * Price List API once and kept in the store with its date, reused for {@link #MAX_AGE}. When the API
 * cannot answer, the table's us-east-1 price stands in (with a note), and when that is missing too the
 * price is unknown: the finding says so and totals say "at least". Never zero.
 *
 * <p>One question per (region, type) at a time: a scan asks for every instance at once, and ten instances
 * of a missing type must not cost ten calls. A question the API did not answer is not asked again for
 * {@link #RETRY_AFTER}: the Price List API is one budgeted unit for the whole account, so a scan of
 * every region repeating dozens of failing questions would wait for them every time.
 */
public final class LivePrices implements InstancePrices {

    static final Duration MAX_AGE = Duration.ofDays(30);
    static final Duration RETRY_AFTER = Duration.ofHours(1);

    private final PriceTable table;
    private final PriceLookup lookup;
    private final PriceCache cache;
    private final Clock clock;
    private final Map<String, Object> asking = new ConcurrentHashMap<>();
    private final Map<String, Instant> unanswered = new ConcurrentHashMap<>();

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
        Optional<PriceCache.Cached> cached = livePrice(region, type);
        if (cached.isPresent()) {
            BigDecimal monthly = cached.get().usdPerHour().multiply(BigDecimal.valueOf(table.hoursPerMonth()))
                    .setScale(2, RoundingMode.HALF_UP);
            return Optional.of(new PriceTable.Estimate(monthly, "Price List API price of "
                    + LocalDate.ofInstant(cached.get().asOf(), ZoneOffset.UTC)));
        }
        return fromTable; // the us-east-1 stand-in with its note, or empty: unknown
    }

    private Optional<PriceCache.Cached> livePrice(String region, String type) {
        String key = region + "/" + type;
        synchronized (asking.computeIfAbsent(key, k -> new Object())) {
            Instant now = clock.instant();
            Optional<PriceCache.Cached> cached = cache.find(region, type).filter(c -> c.asOf().plus(MAX_AGE).isAfter(now));
            if (cached.isPresent()) {
                return cached;
            }
            Instant failed = unanswered.get(key);
            if (failed != null && failed.plus(RETRY_AFTER).isAfter(now)) {
                return Optional.empty();
            }
            Optional<BigDecimal> hourly = lookup.hourlyUsd(region, type);
            if (hourly.isEmpty()) {
                unanswered.put(key, now);
                return Optional.empty();
            }
            unanswered.remove(key);
            cache.put(region, type, hourly.get(), now);
            return Optional.of(new PriceCache.Cached(hourly.get(), now));
        }
    }
}
