package dev.deckhand.ec2;

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
