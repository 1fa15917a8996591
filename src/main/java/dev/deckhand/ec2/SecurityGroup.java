package dev.deckhand.ec2;

import dev.deckhand.network.IngressRule;

import java.util.List;

/**
 * A security group with its inbound rules.
 *
 * @param id      {@code sg-...}
 * @param name    group name
 * @param inbound inbound rules
 * @param gone    the instance still names it but it no longer exists (deleted, e.g. after a terminate)
 */
public record SecurityGroup(String id, String name, List<IngressRule> inbound, boolean gone) {

    public SecurityGroup {
        inbound = List.copyOf(inbound);
    }

    public SecurityGroup(String id, String name, List<IngressRule> inbound) {
        this(id, name, inbound, false);
    }

    /** A group the instance names that EC2 no longer has. */
    public static SecurityGroup gone(String id, String name) {
        return new SecurityGroup(id, name, List.of(), true);
    }
}
