package dev.deckhand.loadbalancer;

import dev.deckhand.pricing.PriceTable;

import java.math.BigDecimal;
import java.util.List;

/**
 * The two ways to serve an app over HTTPS, priced side by side for a launch plan: an Application Load
 * Balancer with an ACM certificate (managed, scales past one instance) or nginx with a certbot
 * certificate on the instance (cheapest: only a fixed address). For {@code ec2 launch --https ...}.
 */
public final class HttpsPaths {

    /** @param monthlyUsd what the path adds to the instance's own cost */
    public record Path(String name, BigDecimal monthlyUsd, String note) { }

    private HttpsPaths() {
    }

    public static List<Path> compare(PriceTable prices) {
        return List.of(
                new Path("nginx + certbot", prices.publicIpv4(),
                        "an Elastic IP for the DNS record; the certificate is free and renews on the instance"),
                new Path("load balancer (ALB) + ACM", prices.applicationLoadBalancer(),
                        "plus capacity units; the certificate is free and renews itself; room for more instances"));
    }

    /** {@code nginx + certbot: $3.65/month (...) | load balancer (ALB) + ACM: $16.43/month (...)}. */
    public static String describe(PriceTable prices) {
        return String.join(" | ", compare(prices).stream()
                .map(p -> p.name() + ": " + PriceTable.usd(p.monthlyUsd()) + "/month (" + p.note() + ")").toList());
    }
}
