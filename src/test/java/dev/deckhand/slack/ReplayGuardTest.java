package dev.deckhand.slack;

import dev.deckhand.chat.DeliveryGuard;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayGuardTest {

    /** The store's guard as the bot has it: remembers every key (for longer than this test). */
    private static final class StoreGuard implements DeliveryGuard {
        final Set<String> keys = new HashSet<>();
        final AtomicInteger asked = new AtomicInteger();

        @Override
        public synchronized boolean firstDelivery(String key) {
            asked.incrementAndGet();
            return keys.add(key);
        }

        @Override
        public boolean firstDelivery(String key, Duration keep) {
            assertThat(keep).isGreaterThanOrEqualTo(ReplayGuard.KEEP);
            return firstDelivery(key);
        }

        @Override
        public void forget(String key) {
            keys.remove(key);
        }
    }

    @Test
    void aRepeatSeenByTheFront_isRefusedWithoutAskingTheStore() {
        StoreGuard store = new StoreGuard();
        ReplayGuard guard = new ReplayGuard(store, Clock.systemUTC());

        assertThat(guard.firstSight("v0=aaa")).isTrue();
        assertThat(guard.firstSight("v0=aaa")).isFalse();

        assertThat(store.asked).hasValue(1);
    }

    @Test
    void theFrontStaysBounded_andEverySignaturePastIt_isStillRefusedByTheStore() {
        StoreGuard store = new StoreGuard();
        ReplayGuard guard = new ReplayGuard(store, Clock.systemUTC(), 100);

        for (int i = 0; i < 2_000; i++) {
            assertThat(guard.firstSight("v0=" + i)).isTrue();
        }

        assertThat(guard.frontHolds()).isLessThanOrEqualTo(100);
        for (int i = 0; i < 2_000; i++) {
            assertThat(guard.firstSight("v0=" + i)).as("replay of signature %d", i).isFalse();
        }
        assertThat(store.asked.get()).as("the store answered for what the front no longer held").isGreaterThan(2_000);
    }
}
