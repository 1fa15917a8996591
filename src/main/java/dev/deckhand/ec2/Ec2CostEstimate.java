package dev.deckhand.ec2;

import dev.deckhand.approval.CostEstimate;
import dev.deckhand.command.Arguments;
import dev.deckhand.command.CommandSpec;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The approval policy's cost estimate for EC2: what an {@code ec2 launch} adds per month (instance,
 * disk, public IPv4), from the same price table its plan shows. Arguments the launch would reject
 * give no estimate; the launch itself then explains what is wrong.
 */
public final class Ec2CostEstimate implements CostEstimate {

    private final Ec2Costs costs;

    public Ec2CostEstimate(Ec2Costs costs) {
        this.costs = costs;
    }

    @Override
    public Optional<BigDecimal> monthlyChange(CommandSpec spec, Arguments args, String region) {
        if (!spec.name().equals("ec2 launch")) {
            return Optional.empty();
        }
        try {
            return Optional.of(costs.launch(LaunchOptions.parse(args, region)).total());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
