package dev.deckhand.ec2;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a launch will do, shown before it happens (and all that {@code --dry-run} does).
 *
 * @param spec        the validated request
 * @param ami         the image resolved in the spec's region
 * @param expiresAt   value of the {@code deckhand:expires} tag, if a TTL was given
 * @param cost        estimated monthly cost
 * @param warnings    lines that must be seen (SSH open to the internet)
 * @param clientToken idempotency token: the same request retried launches one instance
 * @param httpsPaths  both HTTPS paths' monthly cost side by side (shown when an app is launched)
 */
public record LaunchPlan(LaunchSpec spec, Ami ami, Optional<Instant> expiresAt, Cost cost, List<String> warnings,
                         String clientToken, String httpsPaths) {

    public LaunchPlan {
        warnings = List.copyOf(warnings);
    }

    /**
     * Monthly estimate: instance + gp3 disk + public IPv4 address.
     *
     * @param instance empty when the price table does not know the type
     * @param note     caveat from the price table (e.g. another region's price used), may be empty
     * @param tableDate date of the price table
     */
    public record Cost(Optional<BigDecimal> instance, BigDecimal disk, BigDecimal publicIpv4, String note,
                       String tableDate) {

        /** The total, in words: "~$11.88", or "unknown" when the instance's price is not in the table. */
        public String describeTotal() {
            return instance.map(i -> "~" + dev.deckhand.pricing.PriceTable.usd(i.add(disk).add(publicIpv4)))
                    .orElse("unknown");
        }
    }
}
