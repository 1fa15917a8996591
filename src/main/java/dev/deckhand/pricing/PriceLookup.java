package dev.deckhand.pricing;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * A live source of on-demand prices (the AWS Price List Query API, implemented in {@code aws}).
 * Never throws: a price that cannot be found, or a source that cannot be asked, is empty.
 */
public interface PriceLookup {

    /** USD per hour of a Linux, shared-tenancy, on-demand instance of {@code type} in {@code region}. */
    Optional<BigDecimal> hourlyUsd(String region, String type);
}
