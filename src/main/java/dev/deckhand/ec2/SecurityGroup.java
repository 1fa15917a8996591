package dev.deckhand.ec2;

import dev.deckhand.network.IngressRule;

import java.util.List;

/**
 * A security group with its inbound rules.
 *
 * @param id      {@code sg-...}
 * @param name    group name
 * @param inbound inbound rules
 */
public record SecurityGroup(String id, String name, List<IngressRule> inbound) {

    public SecurityGroup {
        inbound = List.copyOf(inbound);
    }
}
