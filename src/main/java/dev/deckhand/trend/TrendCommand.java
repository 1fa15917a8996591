package dev.deckhand.trend;

import dev.deckhand.chat.CommandRequest;
import dev.deckhand.chat.Reply;
import dev.deckhand.command.CommandContext;
import dev.deckhand.command.Handler;
import dev.deckhand.command.UserFacingException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * {@code leaks trend [--out file.png] [--weeks 12]}: in the console, writes the trend chart to a file
 * and prints its path. In Slack a file on Deckhand's host helps nobody, so it says where the chart is
 * posted instead.
 */
final class TrendCommand implements Handler {

    private final TrendStore store;
    private final Clock clock;
    private final ZoneId zone;

    TrendCommand(TrendStore store, Clock clock, ZoneId zone) {
        this.store = store;
        this.clock = clock;
        this.zone = zone;
    }

    @Override
    public Reply handle(CommandContext ctx) {
        if (ctx.request().origin() != CommandRequest.Origin.CONSOLE) {
            return Reply.ephemeral("The waste trend chart is a file written by the console (`leaks trend` there); "
                    + "`leaks` shows the findings now.");
        }
        int weeks = ctx.args().intFlag("weeks", 12, 2, 52);
        WeeklyTrend trend = store.weekly(clock.instant(), weeks, zone);
        Path out = ctx.args().flag("out").map(Path::of)
                .orElse(Path.of(System.getProperty("java.io.tmpdir"), "deckhand-trend-" + LocalDate.now(clock) + ".png"));
        try {
            Files.write(out, TrendChart.png(trend));
        } catch (IOException e) {
            throw new UserFacingException("Could not write the chart to " + out + ": " + e.getMessage()
                    + ". Give a writable file with --out, e.g. `leaks trend --out ./trend.png`.");
        }
        int last = weeks - 1;
        return Reply.builder().header("Waste trend, last " + weeks + " weeks")
                .body("Wrote " + out.toAbsolutePath())
                .field("Waste this week", String.format(java.util.Locale.ROOT, "$%.2f/month", trend.totalOf(last)))
                .field("Saved through Deckhand", String.format(java.util.Locale.ROOT, "$%.2f/month", trend.saved().get(last)))
                .build();
    }
}
