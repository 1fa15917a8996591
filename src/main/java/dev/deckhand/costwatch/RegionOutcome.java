package dev.deckhand.costwatch;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/** What scanning one region gave: its findings, or why it could not be scanned. */
public sealed interface RegionOutcome {

    String region();

    /**
     * @param took wall time of the region's scan
     * @param gaps what the scan could not judge there, with AWS's reason (e.g. CloudWatch refused, so the
     *             idleness of three running instances is unknown): those resources are not findings, and
     *             the scan is incomplete, as with a region that could not be scanned at all
     */
    record Scanned(String region, List<Leak> leaks, Duration took, List<String> gaps) implements RegionOutcome {
        public Scanned {
            leaks = List.copyOf(leaks);
            gaps = List.copyOf(gaps);
        }

        /** A region judged in full. */
        public Scanned(String region, List<Leak> leaks, Duration took) {
            this(region, leaks, took, List.of());
        }

        /** Nothing found and nothing left unjudged. */
        public boolean clean() {
            return leaks.isEmpty() && gaps.isEmpty();
        }

        /** The same scan under another name or with its findings rewritten; its time and gaps stay. */
        public Scanned with(String place, List<Leak> rewritten) {
            return new Scanned(place, rewritten, took, gaps);
        }

        public BigDecimal total() {
            return leaks.stream().map(Leak::monthlyCost).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }

    /** @param reason what went wrong and what to do, e.g. AWS refused ec2:DescribeInstances (add the IAM action) */
    record Failed(String region, String reason) implements RegionOutcome { }

    /** Part of a scanned region that could not be judged ({@link Scanned#gaps}). */
    record Gap(String region, String reason) { }
}
