package dev.deckhand.ratelimit;

import dev.deckhand.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pieces of issue 17 on their own, on injected time where they have one. */
class RateLimitsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));

    @Test
    void callRate_givesNTokens_thenATokenComesBackOneSecondAfterItsCallEnded() {
        AtomicLong nanos = new AtomicLong(-5_000_000_000L); // System.nanoTime may be negative
        CallRate rate = new CallRate(2, nanos::get);

        CallRate.Permit a = rate.tryAcquire().orElseThrow();
        CallRate.Permit b = rate.tryAcquire().orElseThrow();
        assertThat(rate.tryAcquire()).as("both tokens are in calls").isEmpty();

        nanos.addAndGet(300_000_000L);
        a.release();
        a.release(); // idempotent: one token back, not two
        nanos.addAndGet(999_000_000L);
        assertThat(rate.tryAcquire()).as("999 ms after the call ended").isEmpty();
        nanos.addAndGet(1_000_000L);
        assertThat(rate.tryAcquire()).isPresent();
        assertThat(rate.tryAcquire()).as("b is still in its call").isEmpty();
        b.release();
        assertThat(rate.tryAcquire()).isEmpty();
    }

    @Test
    void callRate_acquire_waitsForTheTokenThatIsFreeSoonest() throws Exception {
        CallRate rate = new CallRate(1);
        rate.acquire().release();
        long start = System.nanoTime();

        rate.acquire();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(990));
        assertThatThrownBy(() -> new CallRate(0)).hasMessageContaining("at least 1");
    }

    @Test
    void callBudget_isPerAccountRegionAndMeteredUnit_andZeroMeansNoLimit() throws Exception {
        CallBudget budget = new CallBudget(1);
        budget.acquire("default", "us-east-1", "ec2:DescribeInstances").orElseThrow().release();
        long start = System.nanoTime();
        budget.acquire("default", "eu-west-1", "ec2:DescribeInstances").orElseThrow().release();
        budget.acquire("other", "us-east-1", "ec2:DescribeInstances").orElseThrow().release();
        budget.acquire("default", "us-east-1", "ec2:DescribeVolumes").orElseThrow().release();
        budget.acquire("default", "us-east-1", "elasticloadbalancing").orElseThrow().release();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
        budget.acquire("default", "us-east-1", "ec2:DescribeInstances").orElseThrow().release();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the same unit again waits out its second")
                .isGreaterThan(Duration.ofMillis(500));

        assertThat(CallBudget.unlimited().acquire("default", "us-east-1", "ec2:DescribeInstances")).isEmpty();
        assertThat(CallBudget.unlimited().limited()).isFalse();
    }

    @Test
    void freshQuota_oneFullReadPerUserPeriod_andOnePerTeamPeriod() {
        FreshQuota quota = new FreshQuota(Duration.ofMinutes(1), Duration.ofSeconds(10), clock);

        assertThat(quota.take("alice", 1)).isInstanceOf(FreshQuota.Decision.Granted.class);
        clock.advance(Duration.ofSeconds(4));
        assertThat(quota.take("bob", 1)).isEqualTo(new FreshQuota.Decision.Refused(
                Instant.parse("2026-11-25T12:00:10Z"), true));
        assertThat(quota.take("alice", 1)).isEqualTo(new FreshQuota.Decision.Refused(
                Instant.parse("2026-11-25T12:01:00Z"), false));
        clock.advance(Duration.ofSeconds(6));
        assertThat(quota.take("bob", 1)).isInstanceOf(FreshQuota.Decision.Granted.class);
        clock.advance(Duration.ofSeconds(50));
        assertThat(quota.take("alice", 1)).isInstanceOf(FreshQuota.Decision.Granted.class);
    }

    @Test
    void freshQuota_aPartialReadCostsItsShare_andZeroPeriodsNeverRefuse() {
        FreshQuota quota = new FreshQuota(Duration.ofMinutes(1), Duration.ZERO, clock);
        assertThat(quota.take("alice", 0.25)).isInstanceOf(FreshQuota.Decision.Granted.class);
        clock.advance(Duration.ofSeconds(14));
        assertThat(quota.take("alice", 0.25)).isInstanceOf(FreshQuota.Decision.Refused.class);
        clock.advance(Duration.ofSeconds(1));
        assertThat(quota.take("alice", 0.25)).isInstanceOf(FreshQuota.Decision.Granted.class);

        FreshQuota none = new FreshQuota(Duration.ZERO, Duration.ZERO, clock);
        for (int i = 0; i < 5; i++) {
            assertThat(none.take("alice", 1)).isInstanceOf(FreshQuota.Decision.Granted.class);
        }
    }

    @Test
    void singleFlight_concurrentAskersOfOneKey_shareOneRound_otherKeysRunTheirOwn() throws Exception {
        SingleFlight<String, Integer> flights = new SingleFlight<>();
        AtomicInteger rounds = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Future<SingleFlight.Flight<Integer>>> asks = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            asks.add(pool.submit(() -> flights.run("scan", () -> {
                rounds.incrementAndGet();
                await(release);
                return 42;
            })));
        }
        while (flights.running() == 0) {
            Thread.onSpinWait();
        }
        Thread.sleep(200); // let the other nine join
        assertThat(flights.run("other", () -> 7)).isEqualTo(new SingleFlight.Flight<>(7, false));
        release.countDown();
        List<SingleFlight.Flight<Integer>> answers = new ArrayList<>();
        for (Future<SingleFlight.Flight<Integer>> ask : asks) {
            answers.add(ask.get());
        }
        pool.shutdown();

        assertThat(rounds).hasValue(1);
        assertThat(answers).extracting(SingleFlight.Flight::value).containsOnly(42);
        assertThat(answers).filteredOn(SingleFlight.Flight::shared).hasSize(9);
        assertThat(flights.running()).isZero();
        assertThat(flights.join("scan")).as("nothing is remembered after the round").isEmpty();
    }

    @Test
    void singleFlight_aFailedRound_failsItsAskers_andTheNextAskStartsAnew() {
        SingleFlight<String, Integer> flights = new SingleFlight<>();
        assertThatThrownBy(() -> flights.run("scan", () -> {
            throw new IllegalStateException("AWS said no");
        })).hasMessage("AWS said no");
        assertThat(flights.run("scan", () -> 1).value()).isEqualTo(1);
        assertThat(flights.joinOrStart("scan", () -> false, () -> 2)).isEmpty();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
