package dev.deckhand.trend;

import dev.deckhand.app.Deckhand;
import dev.deckhand.costwatch.Leak;
import dev.deckhand.costwatch.LeakKind;
import dev.deckhand.costwatch.LeakScanner;
import dev.deckhand.costwatch.RegionOutcome;
import dev.deckhand.store.AuditEntry;
import dev.deckhand.store.AuditLog;
import dev.deckhand.store.Database;
import dev.deckhand.testing.AwsStub;
import dev.deckhand.testing.RecordingChatPort;
import dev.deckhand.testing.TestDeckhand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TrendTest {

    static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z"); // a Wednesday
    static final ZoneId UTC = ZoneId.of("UTC");

    @TempDir
    Path temp;

    private static Leak leak(LeakKind kind, String id, String owner, String usd) {
        return new Leak(kind, id, "", "us-east-1", owner, null, null, "r", "d", new BigDecimal(usd), "", false);
    }

    /** A fixed history: three weeks ago, last week (two scans, the later one counts), this week; one cleanup. */
    private WeeklyTrend history(Database db) {
        TrendStore store = new TrendStore(db);
        store.record(Instant.parse("2026-11-10T09:00:00Z"), "us-east-1", List.of(
                leak(LeakKind.ELASTIC_IP, "eipalloc-1", "U1", "3.65"), leak(LeakKind.NAT_GATEWAY, "nat-1", "U2", "32.85")));
        store.record(Instant.parse("2026-11-10T09:00:00Z"), "eu-west-1", List.of(leak(LeakKind.VOLUME, "vol-1", "U1", "8.00")));
        store.record(Instant.parse("2026-11-23T09:00:00Z"), "us-east-1", List.of(leak(LeakKind.ELASTIC_IP, "eipalloc-1", "U1", "3.65"),
                leak(LeakKind.ELASTIC_IP, "eipalloc-2", "U2", "3.65"), leak(LeakKind.NAT_GATEWAY, "nat-1", "U2", "32.85")));
        store.record(Instant.parse("2026-11-27T09:00:00Z"), "us-east-1", List.of(leak(LeakKind.ELASTIC_IP, "eipalloc-2", "U2", "3.65")));
        store.record(Instant.parse("2026-12-01T09:00:00Z"), "us-east-1", List.of());
        new AuditLog(db).record(new AuditEntry(Instant.parse("2026-11-26T12:00:00Z"), "U1", "C1", "leaks cleanup nat nat-1",
                "us-east-1", List.of("nat-1"), AuditEntry.Outcome.SUCCEEDED, "", "", "{\"monthlyChange\":-32.85}"));
        new AuditLog(db).record(new AuditEntry(Instant.parse("2026-12-01T12:00:00Z"), "U1", "C1", "schedule web-1 weekdays 09:00-19:00",
                "us-east-1", List.of("i-1"), AuditEntry.Outcome.SUCCEEDED, "", "", "{\"monthlyChange\":-5.33}"));
        new AuditLog(db).record(new AuditEntry(Instant.parse("2026-12-01T12:00:00Z"), "U1", "C1", "leaks cleanup eip x",
                "us-east-1", List.of("x"), AuditEntry.Outcome.FAILED, "", "", "{\"monthlyChange\":-3.65}"));
        return store.weekly(NOW, 12, UTC);
    }

    @Test
    void weeklySeries_takeEachRegionsLastScanOfTheWeek_andSavingsFromSuccessfulPlans() {
        try (Database db = Database.open(temp.resolve("d.db"))) {
            WeeklyTrend trend = history(db);

            assertThat(trend.weeks()).hasSize(12).endsWith(LocalDate.parse("2026-11-30"))
                    .startsWith(LocalDate.parse("2026-09-14"));
            assertThat(trend.waste()).containsOnlyKeys("Elastic IP", "Idle NAT gateway", "Unattached volume");
            List<Double> eips = trend.waste().get("Elastic IP");
            assertThat(eips.subList(8, 12)).containsExactly(3.65, 0.0, 3.65, 0.0);
            assertThat(trend.waste().get("Idle NAT gateway").subList(8, 12)).containsExactly(32.85, 0.0, 0.0, 0.0);
            assertThat(trend.waste().get("Unattached volume").get(8)).isEqualTo(8.0);
            assertThat(trend.totalOf(8)).isEqualTo(44.5, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(trend.saved().subList(9, 12)).containsExactly(0.0, 32.85, 38.18);
        }
    }

    @Test
    void aRegionScannedOnlyInPart_isNotRecorded_soItsUnjudgedWasteDoesNotLookSaved() {
        try (Database db = Database.open(temp.resolve("d.db"))) {
            TrendStore store = new TrendStore(db);
            // Monday's full scan found an idle instance; Tuesday's could not ask CloudWatch.
            store.record(Instant.parse("2026-11-30T09:00:00Z"), "us-east-1",
                    List.of(leak(LeakKind.RUNNING_INSTANCE, "i-1", "U1", "60.00")));
            List<RegionOutcome> outcomes = List.of(
                    new RegionOutcome.Scanned("us-east-1", List.of(), java.time.Duration.ofMillis(5),
                            List.of("idleness of 1 running instance unknown (AWS refused cloudwatch:GetMetricData)")),
                    new RegionOutcome.Scanned("eu-west-1", List.of(leak(LeakKind.VOLUME, "vol-1", "U1", "8.00")),
                            java.time.Duration.ofMillis(5)));
            java.util.Iterator<RegionOutcome> next = outcomes.iterator();
            LeakScanner partlyBlind = new LeakScanner() {
                @Override
                public List<String> enabledRegions() {
                    return List.of("us-east-1", "eu-west-1");
                }

                @Override
                public java.util.concurrent.CompletableFuture<RegionOutcome> scan(String region) {
                    return java.util.concurrent.CompletableFuture.completedFuture(next.next());
                }
            };
            RecordingLeakScanner recording = new RecordingLeakScanner(partlyBlind, store,
                    java.time.Clock.fixed(Instant.parse("2026-12-01T09:00:00Z"), UTC));
            recording.scan("us-east-1").join();
            recording.scan("eu-west-1").join();

            WeeklyTrend trend = store.weekly(NOW, 12, UTC);
            assertThat(trend.waste().get("Running instance").get(11)).as("the week's last full answer counts, not the partial one")
                    .isEqualTo(60.0);
            assertThat(trend.waste().get("Unattached volume").get(11)).isEqualTo(8.0);
        }
    }

    @Test
    void theChart_isAPngOfTheSize_andItsSeriesAreTheStoredTotals() throws Exception {
        try (Database db = Database.open(temp.resolve("d.db"))) {
            WeeklyTrend trend = history(db);

            byte[] png = TrendChart.png(trend);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertThat(image.getWidth()).isEqualTo(TrendChart.WIDTH);
            assertThat(image.getHeight()).isEqualTo(TrendChart.HEIGHT);
            assertThat(png.length).isBetween(10_000, 400_000);

            CategoryChart waste = TrendChart.waste(trend);
            assertThat(waste.getStyler().isStacked()).isTrue();
            for (Map.Entry<String, List<Double>> kind : trend.waste().entrySet()) {
                CategorySeries series = waste.getSeriesMap().get(kind.getKey());
                assertThat(new ArrayList<>(series.getYData())).as(kind.getKey()).isEqualTo(new ArrayList<Number>(kind.getValue()));
                List<Object> x = new ArrayList<>(series.getXData());
                assertThat(x).hasSize(12).endsWith((Object) "Nov 30");
            }
            List<Object> saved = new ArrayList<>(TrendChart.saved(trend).getSeriesMap().get(TrendChart.SAVED).getYData());
            assertThat(saved.subList(10, 12)).containsExactly(32.85, 38.18);
        }
    }

    @Test
    void leaksTrend_inTheConsole_writesThePng_andPrintsItsPath() throws Exception {
        try (AwsStub aws = new AwsStub(1);
             Deckhand deckhand = TestDeckhand.start(temp, aws.clients, Clock.fixed(NOW, ZoneOffset.UTC), new RecordingChatPort(),
                     Map.of("DECKHAND_AWS_REGIONS", "us-east-1"))) {
            history(deckhand.database());
            Path out = temp.resolve("trend.png");

            String reply = TestDeckhand.run(deckhand, "console", "C0DEV", "leaks trend --out " + out).plainText();

            assertThat(reply).contains("Wrote " + out.toAbsolutePath(), "Saved through Deckhand: $38.18/month");
            assertThat(ImageIO.read(out.toFile()).getWidth()).isEqualTo(TrendChart.WIDTH);
            assertThat(Files.size(out)).isGreaterThan(10_000);
        }
    }
}
