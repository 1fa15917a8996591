package dev.deckhand.pricing;

import java.util.Optional;

/** The monthly price of running one instance of a type in a region, if it can be found. */
public interface InstancePrices {

    Optional<PriceTable.Estimate> instance(String region, String type);
}
