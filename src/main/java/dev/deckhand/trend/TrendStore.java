package dev.deckhand.trend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deckhand.costwatch.Leak;
import dev.deckhand.store.Database;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Each scan's totals ({@code leak_totals}, migration 51), and the weekly trend read back from them and
 * from the audit log: savings are the monthly changes of successful {@code leaks cleanup} and
 * {@code schedule} plans, so nothing else has to remember them.
 */
public final class TrendStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The account column until Deckhand watches several accounts. */
    static final String ACCOUNT = "default";

    private final Database db;

    public TrendStore(Database db) {
        this.db = db;
    }

    /** Stores one region's scan: its findings summed per owner and kind (a region without findings stores nothing). */
    public void record(Instant at, String region, List<Leak> leaks) {
        Map<List<String>, BigDecimal> sums = new TreeMap<>((a, b) -> String.join("|", a).compareTo(String.join("|", b)));
        for (Leak l : leaks) {
            sums.merge(List.of(l.owner(), l.kind().label()), l.monthlyCost(), BigDecimal::add);
        }
        db.transaction(c -> {
            // A marker row, so a region scanned clean still replaces last week's findings with nothing.
            try (PreparedStatement p = c.prepareStatement("INSERT INTO leak_totals(scanned_at, account, region, owner, kind, "
                    + "monthly_usd) VALUES (?, ?, ?, ?, ?, ?)")) {
                if (sums.isEmpty()) {
                    sums.put(List.of("", ""), BigDecimal.ZERO);
                }
                for (var e : sums.entrySet()) {
                    p.setLong(1, at.toEpochMilli());
                    p.setString(2, ACCOUNT);
                    p.setString(3, region);
                    p.setString(4, e.getKey().get(0));
                    p.setString(5, e.getKey().get(1));
                    p.setString(6, e.getValue().toPlainString());
                    p.addBatch();
                }
                p.executeBatch();
            }
            return null;
        });
    }

    /** The last {@code count} weeks up to {@code now}, weeks starting on Monday in {@code zone}. */
    public WeeklyTrend weekly(Instant now, int count, ZoneId zone) {
        LocalDate thisWeek = now.atZone(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        List<LocalDate> weeks = new ArrayList<>();
        for (int i = count - 1; i >= 0; i--) {
            weeks.add(thisWeek.minusWeeks(i));
        }
        List<Row> rows = rows(weeks.get(0).atStartOfDay(zone).toInstant().toEpochMilli());
        List<Saving> savings = savings();
        List<Map<String, Double>> perWeek = new ArrayList<>();
        List<Double> saved = new ArrayList<>();
        for (LocalDate week : weeks) {
            long from = week.atStartOfDay(zone).toInstant().toEpochMilli();
            long to = week.plusWeeks(1).atStartOfDay(zone).toInstant().toEpochMilli();
            Map<String, Long> lastScan = new HashMap<>();
            rows.stream().filter(r -> r.at >= from && r.at < to).forEach(r -> lastScan.merge(r.region, r.at, Math::max));
            perWeek.add(rows.stream().filter(r -> r.at == lastScan.getOrDefault(r.region, -1L) && !r.kind.isEmpty())
                    .collect(Collectors.groupingBy(r -> r.kind, Collectors.summingDouble(r -> r.usd))));
            saved.add(savings.stream().filter(s -> s.at < to).mapToDouble(s -> s.usd).sum());
        }
        Map<String, List<Double>> waste = new TreeMap<>();
        perWeek.forEach(m -> m.keySet().forEach(kind -> waste.put(kind, new ArrayList<>())));
        waste.forEach((kind, values) -> perWeek.forEach(m -> values.add(m.getOrDefault(kind, 0.0))));
        return new WeeklyTrend(weeks, waste, saved);
    }

    private record Row(long at, String region, String kind, double usd) { }

    private record Saving(long at, double usd) { }

    private List<Row> rows(long since) {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT scanned_at, region, kind, monthly_usd FROM leak_totals WHERE scanned_at >= ?")) {
                p.setLong(1, since);
                List<Row> out = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), Double.parseDouble(rs.getString(4))));
                    }
                }
                return out;
            }
        });
    }

    /** Monthly savings of successful cleanups and schedules, from their audit rows' plans. */
    private List<Saving> savings() {
        List<String[]> audited = db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT at, plan_json FROM audit WHERE outcome = 'SUCCEEDED' "
                    + "AND plan_json IS NOT NULL AND (command LIKE 'leaks cleanup%' OR command LIKE 'schedule %')")) {
                List<String[]> out = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(new String[] {rs.getString(1), rs.getString(2)});
                    }
                }
                return out;
            }
        });
        List<Saving> savings = new ArrayList<>();
        for (String[] row : audited) {
            try {
                JsonNode change = JSON.readTree(row[1]).path("monthlyChange");
                if (change.isNumber() && change.doubleValue() < 0) {
                    savings.add(new Saving(Instant.parse(row[0]).toEpochMilli(), -change.doubleValue()));
                }
            } catch (java.io.IOException | RuntimeException e) {
                // an unreadable plan adds no saving: the chart never claims what it cannot show
            }
        }
        return savings;
    }
}
