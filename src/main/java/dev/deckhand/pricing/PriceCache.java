package dev.deckhand.pricing;

import dev.deckhand.store.Database;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/** Prices learnt from the Price List API, with the date each was asked (table {@code price_cache}, migration 41). */
public final class PriceCache {

    /** @param asOf when the price was asked */
    public record Cached(BigDecimal usdPerHour, Instant asOf) { }

    private final Database db;

    public PriceCache(Database db) {
        this.db = db;
    }

    public Optional<Cached> find(String region, String type) {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT usd_per_hour, as_of FROM price_cache WHERE region = ? AND instance_type = ?")) {
                p.setString(1, region);
                p.setString(2, type);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.of(new Cached(new BigDecimal(rs.getString(1)), Instant.parse(rs.getString(2))))
                            : Optional.empty();
                }
            }
        });
    }

    public void put(String region, String type, BigDecimal usdPerHour, Instant asOf) {
        // One statement (SQLite and PostgreSQL): two replicas storing the same price at once both succeed.
        db.read(c -> {
            try (PreparedStatement upsert = c.prepareStatement("INSERT INTO price_cache(region, instance_type, usd_per_hour, "
                    + "as_of) VALUES (?, ?, ?, ?) ON CONFLICT(region, instance_type) DO UPDATE SET "
                    + "usd_per_hour = excluded.usd_per_hour, as_of = excluded.as_of")) {
                upsert.setString(1, region);
                upsert.setString(2, type);
                upsert.setString(3, usdPerHour.toPlainString());
                upsert.setString(4, asOf.toString());
                return upsert.executeUpdate();
            }
        });
    }
}
