package dev.deckhand.ec2;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * A launch's monthly estimate in parts, for people: instance + gp3 disk + public IPv4 address. The
 * plan's cost is {@link Ec2Costs#launchMonthly}, which is unknown when the instance's price is.
 *
 * @param instance  empty when the price table does not know the type
 * @param note      caveat from the price table (e.g. another region's price used), may be empty
 * @param tableDate date of the price table
 */
public record LaunchEstimate(Optional<BigDecimal> instance, BigDecimal disk, BigDecimal publicIpv4, String note,
                             String tableDate) { }
