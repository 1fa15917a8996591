package dev.deckhand.pricing;

import dev.deckhand.store.StoreException;
import org.slf4j.LoggerFactory;

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
 * Instance prices for cost watch: the dated table first (offline, no call) when it has the region's own
 * price; a type or region it lacks is asked of the Price List API once and kept in the store with its
 * date, reused for {@link #MAX_AGE}. When the API cannot answer, the price is unknown (empty): the
 * finding says "price unknown" and totals say "at least". The table's us-east-1 price never stands in
 * for another region here (issue 14): regions differ (the table's ap-northeast-2 t3.micro is 25% above
 * us-east-1's), and a total stated as exact from a price that was not found is not one to run cron or CI
 * on. Never zero.
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
        Optional<PriceTable.Estimate> fromTable = table.regionalInstance(region, type);
        if (fromTable.isPresent()) {
            return fromTable;
        }
        Optional<PriceCache.Cached> cached = livePrice(region, type);
        if (cached.isPresent()) {
            BigDecimal monthly = cached.get().usdPerHour().multiply(BigDecimal.valueOf(table.hoursPerMonth()))
                    .setScale(2, RoundingMode.HALF_UP);
            return Optional.of(new PriceTable.Estimate(monthly, "Price List API price of "
                    + LocalDate.ofInstant(cached.get().asOf(), ZoneOffset.UTC)));
        }
        return Optional.empty(); // unknown, fail closed: not the table's us-east-1 price in its place
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
            try {
                cache.put(region, type, hourly.get(), now);
            } catch (StoreException e) {
                // The price is known; only keeping it failed: the next scan asks again.
                LoggerFactory.getLogger(LivePrices.class).warn("Could not keep the price of {} in {}: {}", type, region,
                        e.getMessage());
            }
            return Optional.of(new PriceCache.Cached(hourly.get(), now));
        }
    }
}
