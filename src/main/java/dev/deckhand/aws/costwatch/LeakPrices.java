package dev.deckhand.aws.costwatch;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Optional;

/**
 * us-east-1 on-demand prices (checked 2026-12) for the resources the bundled EC2 price table does not
 * cover: NAT gateways, EBS snapshots and RDS databases (single-AZ, MySQL/PostgreSQL). Other regions
 * cost somewhat more; the findings say the price is an estimate.
 */
final class LeakPrices {

    static final double NAT_PER_HOUR = 0.045;
    static final double NAT_PER_GB = 0.045;
    static final double SNAPSHOT_PER_GB_MONTH = 0.05;
    static final double RDS_STORAGE_PER_GB_MONTH = 0.115;
    private static final Map<String, Double> RDS_PER_HOUR = Map.of(
            "db.t3.micro", 0.018, "db.t3.small", 0.036, "db.t3.medium", 0.072, "db.t4g.micro", 0.016,
            "db.t4g.small", 0.032, "db.t4g.medium", 0.065, "db.m5.large", 0.171, "db.m6g.large", 0.152);

    private final int hoursPerMonth;

    LeakPrices(int hoursPerMonth) {
        this.hoursPerMonth = hoursPerMonth;
    }

    BigDecimal natMonthly(double gbPerMonth) {
        return money(NAT_PER_HOUR * hoursPerMonth + NAT_PER_GB * gbPerMonth);
    }

    BigDecimal snapshotMonthly(int gb) {
        return money(SNAPSHOT_PER_GB_MONTH * gb);
    }

    BigDecimal rdsStorageMonthly(int gb) {
        return money(RDS_STORAGE_PER_GB_MONTH * gb);
    }

    /** The instance hours of a month for a database class; empty when the class is not in this table. */
    Optional<BigDecimal> rdsInstanceMonthly(String dbClass) {
        return Optional.ofNullable(RDS_PER_HOUR.get(dbClass)).map(h -> money(h * hoursPerMonth));
    }

    static BigDecimal money(double usd) {
        return BigDecimal.valueOf(usd).setScale(2, RoundingMode.HALF_UP);
    }
}
