package dev.deckhand.ec2;

import dev.deckhand.network.IngressRule;

import java.util.List;

/**
 * A security group found by name, as a launch that would reuse it sees it.
 *
 * @param id      {@code sg-...}
 * @param name    group name
 * @param inbound its inbound rules now
 * @param owner   its {@code deckhand:owner} tag, empty when none
 * @param stack   its {@code deckhand:stack} tag, empty when none
 */
public record ExistingGroup(String id, String name, List<IngressRule> inbound, String owner, String stack) {

    public ExistingGroup {
        inbound = List.copyOf(inbound);
        owner = owner == null ? "" : owner;
        stack = stack == null ? "" : stack;
    }

    /** Its inbound rules sorted, in words: what an approval pins of it. */
    public String fingerprint() {
        return String.join(", ", inbound.stream().map(r -> r.protocol() + " " + r.fromPort() + "-" + r.toPort() + " "
                + r.source()).sorted().toList());
    }
}
