package dev.deckhand.ec2;

import dev.deckhand.network.IngressRule;

import java.util.List;
import java.util.Map;

/**
 * A security group Deckhand wants to exist with at least these inbound rules.
 *
 * @param region      where
 * @param name        group name ({@code deckhand-<stack>})
 * @param description group description
 * @param inbound     rules it must have
 * @param tags        tags when it is created
 */
public record SecurityGroupRequest(String region, String name, String description, List<IngressRule> inbound,
                                   Map<String, String> tags) {

    public SecurityGroupRequest {
        inbound = List.copyOf(inbound);
        tags = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tags)); // order kept: Name first
    }
}
