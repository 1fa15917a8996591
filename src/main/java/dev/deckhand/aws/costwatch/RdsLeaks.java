package dev.deckhand.aws.costwatch;

import dev.deckhand.aws.AwsClients;
import dev.deckhand.costwatch.Leak;
import dev.deckhand.costwatch.LeakKind;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.Event;
import software.amazon.awssdk.services.rds.model.SourceType;
import software.amazon.awssdk.services.rds.model.Tag;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * RDS databases that bill for nothing: stopped ones (storage bills, and AWS starts a stopped database
 * again by itself after seven days, so the finding says when and what it costs from then), and
 * available ones with no connection over the last week (CloudWatch {@code AWS/RDS DatabaseConnections}
 * maximum 0 on every day; no datapoints is not judged).
 */
final class RdsLeaks {

    /** AWS restarts a stopped database after this. */
    static final Duration AUTO_START = Duration.ofDays(7);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final AwsClients aws;
    private final AsyncCalls calls;
    private final CloudWatchMetrics metrics;
    private final LeakPrices prices;

    RdsLeaks(AwsClients aws, AsyncCalls calls, CloudWatchMetrics metrics, LeakPrices prices) {
        this.aws = aws;
        this.calls = calls;
        this.metrics = metrics;
        this.prices = prices;
    }

    CompletableFuture<List<Leak>> find(String region, Instant now) {
        CompletableFuture<List<DBInstance>> databases = calls.call("rds:DescribeDBInstances", region,
                () -> aws.rds(region).describeDBInstancesPaginator(r -> { }).dbInstances().stream().toList());
        // When a database was stopped is asked only where one is: most regions have none, and a scan of
        // every region would otherwise spend a call per region on nothing.
        CompletableFuture<Map<String, Instant>> stops = databases.thenCompose(dbs -> dbs.stream()
                .noneMatch(db -> "stopped".equals(db.dbInstanceStatus()))
                ? CompletableFuture.completedFuture(Map.of())
                : calls.call("rds:DescribeEvents", region, () -> stoppedAt(aws.rds(region).describeEventsPaginator(r -> r
                        .sourceType(SourceType.DB_INSTANCE).duration((int) Duration.ofDays(14).toMinutes())).events().stream()
                        .toList())));
        return databases.thenCombine(stops, (dbs, stoppedAt) -> {
            List<CompletableFuture<Leak>> each = new ArrayList<>();
            for (DBInstance db : dbs) {
                if ("stopped".equals(db.dbInstanceStatus())) {
                    each.add(CompletableFuture.completedFuture(stopped(db, stoppedAt.get(db.dbInstanceIdentifier()), region, now)));
                } else if ("available".equals(db.dbInstanceStatus()) && db.instanceCreateTime() != null
                        && db.instanceCreateTime().isBefore(now.minus(CloudWatchMetrics.WINDOW))) {
                    each.add(calls.call("cloudwatch:GetMetricStatistics", region, () -> metrics.daily(region, "AWS/RDS",
                            "DatabaseConnections", "DBInstanceIdentifier", db.dbInstanceIdentifier(), Statistic.MAXIMUM, now))
                            .thenApply(points -> idle(db, points, region, now)));
                }
            }
            return AsyncCalls.all(each).thenApply(leaks -> leaks.stream().filter(l -> l != null).toList());
        }).thenCompose(f -> f);
    }

    /** The last "DB instance stopped" event of each database. */
    static Map<String, Instant> stoppedAt(List<Event> events) {
        Map<String, Instant> at = new HashMap<>();
        for (Event e : events) {
            if (e.message() != null && e.message().toLowerCase().contains("stopped") && e.date() != null) {
                at.merge(e.sourceIdentifier(), e.date(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        return at;
    }

    private Leak stopped(DBInstance db, Instant stoppedAt, String region, Instant now) {
        int gb = db.allocatedStorage() == null ? 0 : db.allocatedStorage();
        BigDecimal storage = prices.rdsStorageMonthly(gb);
        Optional<BigDecimal> hours = prices.rdsInstanceMonthly(db.dbInstanceClass());
        String restart = stoppedAt == null ? "AWS starts it again within 7 days of its stop"
                : "AWS starts it again on " + DAY.format(stoppedAt.plus(AUTO_START));
        String detail = db.dbInstanceIdentifier() + " (" + db.dbInstanceClass() + ", " + db.engine() + ", " + gb + " GB): "
                + restart + ", and from then it costs " + hours.map(h -> "$" + h.add(storage).toPlainString() + "/month")
                .orElse("its instance hours (" + db.dbInstanceClass() + " is not in the price table) plus storage")
                + "; its storage bills $" + storage.toPlainString() + "/month meanwhile";
        // What it will cost once AWS has started it again: that is what leaving it means.
        Leak leak = Leak.of(LeakKind.STOPPED_DATABASE, db.dbInstanceIdentifier(), db.dbInstanceIdentifier(), region,
                tag(db.tagList(), Ec2Leaks.OWNER_TAG), stoppedAt, now, detail, storage.add(hours.orElse(BigDecimal.ZERO)),
                "stopped|" + db.dbInstanceClass() + "|" + gb);
        return hours.isPresent() ? leak : leak.withPriceUnknown();
    }

    private Leak idle(DBInstance db, List<Double> maxConnections, String region, Instant now) {
        if (maxConnections.isEmpty() || maxConnections.stream().anyMatch(c -> c > 0)) {
            return null;
        }
        int gb = db.allocatedStorage() == null ? 0 : db.allocatedStorage();
        Optional<BigDecimal> hours = prices.rdsInstanceMonthly(db.dbInstanceClass());
        String detail = db.dbInstanceIdentifier() + " (" + db.dbInstanceClass() + ", " + db.engine() + ") had no connection in "
                + CloudWatchMetrics.WINDOW.toDays() + " days" + (hours.isEmpty() ? " (" + db.dbInstanceClass()
                + " is not in the price table: storage only)" : "");
        Leak leak = Leak.of(LeakKind.IDLE_DATABASE, db.dbInstanceIdentifier(), db.dbInstanceIdentifier(), region,
                tag(db.tagList(), Ec2Leaks.OWNER_TAG), db.instanceCreateTime(), now, detail,
                prices.rdsStorageMonthly(gb).add(hours.orElse(BigDecimal.ZERO)), "available|" + db.dbInstanceClass() + "|" + gb);
        // Storage alone understates it: the total says "at least" and a cleanup's saving is unknown (held, with why).
        return hours.isPresent() ? leak : leak.withPriceUnknown();
    }

    private static String tag(List<Tag> tags, String key) {
        return tags.stream().filter(t -> key.equals(t.key())).map(Tag::value).findFirst().orElse("");
    }
}
