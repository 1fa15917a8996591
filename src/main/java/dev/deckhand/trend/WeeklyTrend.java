package dev.deckhand.trend;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Estimated monthly waste week by week, oldest first.
 *
 * @param weeks  the Monday each week starts on
 * @param waste  per leak kind (its label), one value per week: the sum over regions of each region's
 *               last scan in that week (0 when a week had no scan)
 * @param saved  per week, the monthly saving made through Deckhand so far (cleanups and schedules)
 */
public record WeeklyTrend(List<LocalDate> weeks, Map<String, List<Double>> waste, List<Double> saved) {

    public WeeklyTrend {
        weeks = List.copyOf(weeks);
        waste = Map.copyOf(waste);
        saved = List.copyOf(saved);
    }

    /** The total waste of week {@code i}. */
    public double totalOf(int i) {
        return waste.values().stream().mapToDouble(v -> v.get(i)).sum();
    }
}
