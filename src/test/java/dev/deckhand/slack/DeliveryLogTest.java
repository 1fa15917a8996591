package dev.deckhand.slack;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryLogTest {

    @Test
    void sameKey_insideTheWindow_isADuplicate_andAfterIt_isNew() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-25T12:00:00Z"));
        Clock clock = new Clock() {
            @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public Instant instant() { return now.get(); }
        };
        DeliveryLog log = new DeliveryLog(Duration.ofSeconds(60), clock);

        assertThat(log.firstDelivery("command:T1:trigger-1")).isTrue();
        assertThat(log.firstDelivery("command:T1:trigger-1")).isFalse();
        assertThat(log.firstDelivery("command:T1:trigger-2")).isTrue();
        now.set(now.get().plusSeconds(61));
        assertThat(log.firstDelivery("command:T1:trigger-1")).isTrue();
    }

    @Test
    void forgottenDelivery_mayRunWhenRetried() {
        DeliveryLog log = new DeliveryLog(Duration.ofSeconds(60), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

        assertThat(log.firstDelivery("command:T1:busy")).isTrue();
        log.forget("command:T1:busy");

        assertThat(log.firstDelivery("command:T1:busy")).isTrue();
    }
}
