package dev.deckhand.trend;

import dev.deckhand.chat.ChatPort;
import dev.deckhand.command.CommandSpec;
import dev.deckhand.store.Deliveries;
import dev.deckhand.costwatch.LeakScanner;
import dev.deckhand.store.Database;

import java.time.Clock;
import java.time.ZoneId;

/** The waste trend assembled: where scans' totals are stored, and {@code leaks trend}. */
public final class Trend {

    private final TrendStore store;
    private final Clock clock;
    private final ZoneId zone;

    public Trend(Database db, Clock clock, ZoneId zone) {
        this.store = new TrendStore(db);
        this.clock = clock;
        this.zone = zone;
    }

    /** {@code scanner}, storing each region's totals as it is scanned. */
    public LeakScanner recording(LeakScanner scanner) {
        return new RecordingLeakScanner(scanner, store, clock);
    }

    public TrendStore store() {
        return store;
    }

    /**
     * What the digest puts in its summary's thread: the chart, on the first digest of each week (the
     * week claimed in the store, so replicas and a daily digest post it once). Never throws: a failed
     * upload is logged, the digest goes on.
     */
    public java.util.function.Consumer<ChatPort.MessageRef> weeklyChart(ChatPort chat, Deliveries claims) {
        return summary -> {
            try {
                java.time.LocalDate week = java.time.LocalDate.now(clock.withZone(zone))
                        .with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
                if (claims.claim("trend-chart:" + week, java.time.Duration.ofDays(8))) {
                    chat.uploadInThread(summary, "waste-trend-" + week + ".png", "Estimated monthly waste, last 12 weeks",
                            TrendChart.png(store.weekly(clock.instant(), 12, zone)));
                }
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(Trend.class).warn("Could not post the trend chart: {}", e.getMessage());
            }
        };
    }

    public CommandSpec command() {
        return CommandSpec.command("leaks trend").usage("leaks trend [--out file.png] [--weeks 12]")
                .description("Writes a chart of the estimated monthly waste per week, stacked by kind, and the savings "
                        + "made through Deckhand (console)")
                .example("leaks trend --out trend.png").flags("out", "weeks").args(0, 0)
                .handledBy(new TrendCommand(store, clock, zone));
    }
}
