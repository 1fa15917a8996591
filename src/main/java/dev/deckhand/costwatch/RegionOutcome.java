package dev.deckhand.costwatch;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/** What scanning one region gave: its findings, or why it could not be scanned. */
public sealed interface RegionOutcome {

    String region();

    /** @param took wall time of the region's scan */
    record Scanned(String region, List<Leak> leaks, Duration took) implements RegionOutcome {
        public Scanned {
            leaks = List.copyOf(leaks);
        }

        public BigDecimal total() {
            return leaks.stream().map(Leak::monthlyCost).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }

    /** @param reason what went wrong and what to do, e.g. AWS refused ec2:DescribeInstances (add the IAM action) */
    record Failed(String region, String reason) implements RegionOutcome { }
}
