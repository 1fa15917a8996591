package dev.deckhand.ec2;

import dev.deckhand.loadbalancer.HttpsPaths;
import dev.deckhand.pricing.PriceTable;

import java.math.BigDecimal;
import java.util.Optional;

/** Monthly estimates for launches and running instances, from the dated price table. */
public final class Ec2Costs {

    private final PriceTable prices;

    public Ec2Costs(PriceTable prices) {
        this.prices = prices;
    }

    /** Instance + gp3 root disk + the auto-assigned public IPv4 address. */
    public LaunchEstimate launch(LaunchSpec spec) {
        Optional<PriceTable.Estimate> instance = prices.instance(spec.region(), spec.type());
        String note = instance.map(PriceTable.Estimate::note)
                .orElse(spec.type() + " is not in the price table, so its hourly price is not included");
        return new LaunchEstimate(instance.map(PriceTable.Estimate::monthlyUsd), prices.volume("gp3", spec.diskGb()),
                prices.publicIpv4(), note, prices.date());
    }

    /**
     * What running one instance of {@code type} costs per month in {@code region}; unknown (never zero)
     * when the price table has no row for the type.
     */
    public dev.deckhand.plan.Cost instanceMonthly(String region, String type) {
        return prices.instance(region, type)
                .map(e -> dev.deckhand.plan.Cost.usd(e.monthlyUsd()))
                .orElseGet(() -> dev.deckhand.plan.Cost.unknown("price for " + type + " in " + region + " unknown"));
    }

    /** A launch's monthly cost for the plan: instance + disk + public IPv4; unknown when the instance price is. */
    public dev.deckhand.plan.Cost launchMonthly(LaunchSpec spec) {
        return instanceMonthly(spec.region(), spec.type())
                .plus(dev.deckhand.plan.Cost.usd(prices.volume("gp3", spec.diskGb()).add(prices.publicIpv4())));
    }

    /**
     * What an existing instance costs per month as it is now: compute only while running, its volumes
     * always, and each public IPv4 address (Elastic IPs are billed even when the instance is stopped).
     * A type the price table lacks adds nothing here: callers say so ({@link #instanceMonthly} is unknown).
     */
    public BigDecimal current(InstanceDetails details) {
        InstanceSummary s = details.summary();
        BigDecimal total = BigDecimal.ZERO;
        if (s.state() == InstanceState.RUNNING || s.state() == InstanceState.PENDING) {
            total = total.add(prices.instance(s.region(), s.type()).map(PriceTable.Estimate::monthlyUsd).orElse(BigDecimal.ZERO));
        }
        for (Volume v : details.volumes()) {
            total = total.add(prices.volume(v.type(), v.sizeGb()));
        }
        long addresses = details.elasticIps().size();
        if (!s.publicIp().isEmpty() && !s.elasticIp()) {
            addresses++;
        }
        return total.add(prices.publicIpv4().multiply(BigDecimal.valueOf(addresses)));
    }

    /** Both HTTPS paths' monthly cost side by side (ALB + ACM vs nginx + certbot), for a launch plan. */
    public String httpsPaths() {
        return HttpsPaths.describe(prices);
    }

    public BigDecimal publicIpv4() {
        return prices.publicIpv4();
    }

    public static String usd(BigDecimal amount) {
        return PriceTable.usd(amount);
    }
}
