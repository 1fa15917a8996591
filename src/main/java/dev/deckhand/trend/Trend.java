package dev.deckhand.trend;

import dev.deckhand.command.CommandSpec;
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

    public CommandSpec command() {
        return CommandSpec.command("leaks trend").usage("leaks trend [--out file.png] [--weeks 12]")
                .description("Writes a chart of the estimated monthly waste per week, stacked by kind, and the savings "
                        + "made through Deckhand (console)")
                .example("leaks trend --out trend.png").flags("out", "weeks").args(0, 0)
                .handledBy(new TrendCommand(store, clock, zone));
    }
}
