package dev.deckhand.app;

import dev.deckhand.app.config.RateLimitsConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How many AWS calls a cost scan keeps in flight (issue 14's in-bot scan, bounded as issue 17 asks). */
class ScanConcurrencyTest {

    private static RateLimitsConfig limits(int awsCallsPerSecond, int scanConcurrency) {
        return new RateLimitsConfig(60, 10, awsCallsPerSecond, scanConcurrency);
    }

    @Test
    void byDefault_everyListingCallOfEveryWatchedRegionIsInFlightAtOnce() {
        assertThat(Deckhand.scanConcurrency(RateLimitsConfig.DEFAULTS, 28)).as("28 regions x 9 calls: one round trip").isEqualTo(252);
        assertThat(Deckhand.scanConcurrency(RateLimitsConfig.DEFAULTS, 1)).isEqualTo(9);
        assertThat(Deckhand.scanConcurrency(limits(0, 0), 17)).as("no budget (emulators)").isEqualTo(153);
        assertThat(Deckhand.scanConcurrency(limits(2, 0), 17)).as("2/s admits ELBv2's two listings at once").isEqualTo(153);
    }

    @Test
    void regionsNotConfigured_sizedForTheRegionsAwsEnablesByDefault() {
        assertThat(Deckhand.scanConcurrency(RateLimitsConfig.DEFAULTS, 0)).isEqualTo(17 * 9);
    }

    @Test
    void atOneCallPerSecond_elbv2sSecondListingWaitsForTheBudget_soItGetsNoThreadOfItsOwn() {
        assertThat(Deckhand.scanConcurrency(limits(1, 0), 10)).isEqualTo(80);
    }

    @Test
    void bounded_howeverManyRegions_andTheConfiguredValueWins() {
        assertThat(Deckhand.scanConcurrency(RateLimitsConfig.DEFAULTS, 38)).as("342 calls, 256 threads").isEqualTo(256);
        assertThat(Deckhand.scanConcurrency(RateLimitsConfig.DEFAULTS, 1000)).isEqualTo(256);
        assertThat(Deckhand.scanConcurrency(limits(5, 40), 38)).isEqualTo(40);
        assertThat(Deckhand.scanConcurrency(limits(5, RateLimitsConfig.MAX_SCAN_CONCURRENCY), 1)).isEqualTo(400);
    }

    @Test
    void severalAccounts_shareTheDefaultsBound_eachScannerHavingAPoolOfItsOwn() {
        assertThat(Deckhand.scanConcurrency(RateLimitsConfig.DEFAULTS, 38, 4)).as("4 accounts x 64 = 256 threads").isEqualTo(64);
        assertThat(Deckhand.scanConcurrency(RateLimitsConfig.DEFAULTS, 2, 4)).as("small scans keep their own size").isEqualTo(18);
        assertThat(Deckhand.scanConcurrency(RateLimitsConfig.DEFAULTS, 38, 100)).as("never below 4").isEqualTo(4);
        assertThat(Deckhand.scanConcurrency(limits(5, 40), 38, 4)).as("a configured value is per account").isEqualTo(40);
    }
}
