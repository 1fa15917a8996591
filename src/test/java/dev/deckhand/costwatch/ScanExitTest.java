package dev.deckhand.costwatch;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ScanExitTest {

    private static final Instant NOW = Instant.parse("2026-12-02T09:00:00Z");

    private static Leak volume(String id, String usd) {
        return Leak.of(LeakKind.VOLUME, id, "", "us-east-1", "alice", NOW.minus(Duration.ofDays(9)), NOW, "not attached",
                new BigDecimal(usd), "");
    }

    private static Leak instanceOfUnknownPrice() {
        return Leak.of(LeakKind.RUNNING_INSTANCE, "i-0abc", "", "us-east-1", "", NOW.minus(Duration.ofDays(40)), NOW,
                "unowned: no owner tag", BigDecimal.ZERO, "").withPriceUnknown();
    }

    private static ScanResult scan(RegionOutcome... regions) {
        return new ScanResult(NOW, List.of(regions), Map.of());
    }

    private static RegionOutcome.Scanned scanned(String region, Leak... leaks) {
        return new RegionOutcome.Scanned(region, List.of(leaks), Duration.ofMillis(300));
    }

    @Test
    void aKnownTotalWithinTheThreshold_exitsZero_andAboveIt_exitsOne() {
        assertThat(ScanExit.of(scan(scanned("us-east-1", volume("vol-1", "8.00"))), new BigDecimal("10")).code())
                .isEqualTo(ScanExit.OK);
        ScanExit above = ScanExit.of(scan(scanned("us-east-1", volume("vol-1", "12.00"))), new BigDecimal("10"));
        assertThat(above.code()).isEqualTo(ScanExit.ABOVE_THRESHOLD);
        assertThat(above.message()).hasValueSatisfying(m -> assertThat(m).contains("$12.00/month is above"));
    }

    @Test
    void aFindingOfUnknownPrice_isNeverWithinTheThreshold_evenWhenTheKnownPartIsZero() {
        ScanExit exit = ScanExit.of(scan(scanned("us-east-1", instanceOfUnknownPrice())), BigDecimal.ZERO);

        assertThat(exit.code()).isEqualTo(ScanExit.ABOVE_THRESHOLD);
        assertThat(exit.message()).hasValueSatisfying(m -> assertThat(m)
                .contains("at least $0.00/month").contains("1 finding's price is unknown")
                .contains("costwatch.failAboveUsd ($0.00)").contains("each one's reason says which price is missing"));
    }

    @Test
    void aRegionThatCouldNotBeScanned_winsOverEverything() {
        ScanExit exit = ScanExit.of(scan(scanned("us-east-1", instanceOfUnknownPrice()),
                new RegionOutcome.Failed("eu-west-1", "AWS refused ec2:DescribeInstances")), BigDecimal.ZERO);

        assertThat(exit.code()).isEqualTo(ScanExit.INCOMPLETE);
        assertThat(exit.message()).hasValueSatisfying(m -> assertThat(m).contains("1 of 2 regions").contains("eu-west-1"));
    }

    @Test
    void theChatLine_ofAFindingOfUnknownPrice_saysSo_insteadOfABareZero() {
        assertThat(LeakCards.line(instanceOfUnknownPrice())).contains("at least $0.00/month (price unknown)")
                .doesNotContain(", $0.00/month");
        assertThat(LeakCards.line(volume("vol-1", "8.00"))).contains(", $8.00/month: ").doesNotContain("at least");
    }
}
