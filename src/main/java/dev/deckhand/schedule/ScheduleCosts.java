package dev.deckhand.schedule;

import dev.deckhand.plan.Cost;
import dev.deckhand.pricing.PriceTable;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * What a schedule saves: the instance's hourly price times the hours a month it no longer runs. An
 * instance type the price table lacks gives an unknown saving, never zero.
 */
final class ScheduleCosts {

    private final PriceTable prices;

    ScheduleCosts(PriceTable prices) {
        this.prices = prices;
    }

    /** Hours in the month the price table bills (730). */
    int hoursPerMonth() {
        return prices.hoursPerMonth();
    }

    /** Running hours a month inside the window. */
    long runningHours(Window window) {
        return Math.round(prices.hoursPerMonth() * window.runningShare());
    }

    /** The monthly saving against running all the time (positive), or unknown with the reason. */
    Cost saving(String region, String type, Window window) {
        Optional<PriceTable.Estimate> monthly = prices.instance(region, type);
        if (monthly.isEmpty()) {
            return Cost.unknown("price for " + type + " in " + region + " unknown");
        }
        BigDecimal off = BigDecimal.valueOf(1 - window.runningShare());
        return Cost.usd(monthly.get().monthlyUsd().multiply(off).setScale(2, RoundingMode.HALF_UP));
    }

    /**
     * What an Elastic IP would cost while the instance is stopped: public IPv4 is billed by the hour
     * whether attached or not, and the auto-assigned address it replaces is billed only while running.
     */
    BigDecimal elasticIpWhileStopped(Window window) {
        return prices.publicIpv4().multiply(BigDecimal.valueOf(1 - window.runningShare())).setScale(2, RoundingMode.HALF_UP);
    }
}
