package dev.deckhand.approval;

import dev.deckhand.command.Arguments;
import dev.deckhand.command.CommandSpec;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * How much a command would change the monthly bill, for the approval policy (a launch above
 * {@code approvals.monthlyCostLimit} needs approval) and for the card ("+$60.74/month"). A port: the
 * EC2 feature implements it from the price table; with none registered, the cost rule is skipped and
 * cards show no cost.
 */
@FunctionalInterface
public interface CostEstimate {

    /**
     * @return the estimated change in USD per month (negative when it saves money), or empty when this
     *         command's cost is not known
     */
    Optional<BigDecimal> monthlyChange(CommandSpec spec, Arguments args, String region);

    CostEstimate NONE = (spec, args, region) -> Optional.empty();
}
