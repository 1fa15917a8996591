package dev.deckhand.stack;

import dev.deckhand.plan.Cost;
import dev.deckhand.pricing.PriceTable;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;

/** Monthly cost of stack resources from the price table (capacity units and traffic not included). */
public final class StackCosts {

    private final PriceTable prices;

    public StackCosts(PriceTable prices) {
        this.prices = prices;
    }

    public BigDecimal monthly(String region, Billing billing) {
        BigDecimal total = BigDecimal.ZERO;
        if (!billing.instanceType().isEmpty()) {
            total = total.add(prices.instance(region, billing.instanceType()).map(PriceTable.Estimate::monthlyUsd)
                    .orElse(BigDecimal.ZERO));
        }
        total = total.add(prices.publicIpv4().multiply(BigDecimal.valueOf(billing.publicIpv4s())));
        for (Map.Entry<String, Integer> volume : billing.volumeGbByType().entrySet()) {
            total = total.add(prices.volume(volume.getKey(), volume.getValue()));
        }
        if (billing.applicationLoadBalancer()) {
            total = total.add(prices.applicationLoadBalancer());
        }
        return total;
    }

    /** What the resource costs a month; unknown (never zero) when its instance type is not in the price table. */
    public Cost cost(String region, Billing billing) {
        Cost cost = Cost.usd(monthly(region, billing));
        if (!billing.instanceType().isEmpty() && prices.instance(region, billing.instanceType()).isEmpty()) {
            cost = cost.plus(Cost.unknown("price for " + billing.instanceType() + " in " + region + " unknown"));
        }
        return cost;
    }

    public BigDecimal monthly(String region, Collection<StackResource> resources) {
        return resources.stream().map(r -> monthly(region, r.billing())).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
