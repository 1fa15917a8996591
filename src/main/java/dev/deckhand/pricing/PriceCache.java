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
        // One transaction: two replicas storing the same price at once must not leave two rows.
        db.transaction(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM price_cache WHERE region = ? AND instance_type = ?");
                 PreparedStatement ins = c.prepareStatement(
                         "INSERT INTO price_cache(region, instance_type, usd_per_hour, as_of) VALUES (?, ?, ?, ?)")) {
                del.setString(1, region);
                del.setString(2, type);
                del.executeUpdate();
                ins.setString(1, region);
                ins.setString(2, type);
                ins.setString(3, usdPerHour.toPlainString());
                ins.setString(4, asOf.toString());
                return ins.executeUpdate();
            }
        });
    }
}
