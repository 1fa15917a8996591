package dev.deckhand.costwatch;

import java.time.Duration;

/**
 * When a running resource counts as waste rather than inventory (config {@code costwatch.idle}). A
 * running instance is a finding when its {@code deckhand:expires} time has passed, when CloudWatch
 * shows it idle over {@link #window} (average CPU below {@link #cpuPercent} and network in + out below
 * {@link #networkMbPerDay}), or when nobody owns it (no {@code deckhand:owner} tag) and it has run
 * longer than {@link #ownerlessAge}. An owned, busy instance is not a finding. A load balancer is idle
 * when it has no healthy target and served no request (flow, for NLBs) over the window.
 */
public record IdleRules(Duration window, double cpuPercent, double networkMbPerDay, Duration ownerlessAge) {

    public static final IdleRules DEFAULTS = new IdleRules(Duration.ofDays(7), 5.0, 5.0, Duration.ofDays(7));

    public IdleRules {
        if (window.toMinutes() < 60 || window.toSeconds() % 60 != 0) {
            throw new IllegalArgumentException("idle window must be whole minutes, at least an hour: " + window);
        }
    }

    /** The window in days, for averages per day. */
    public double windowDays() {
        return window.toSeconds() / 86_400.0;
    }
}
