package dev.deckhand.ec2;

import dev.deckhand.network.IngressRule;

import java.util.List;

/**
 * What ensuring a security group did.
 *
 * @param id      {@code sg-...}
 * @param created whether it was created now (else reused)
 * @param added   rules added now (empty when the group already had them all)
 */
public record SecurityGroupResult(String id, boolean created, List<IngressRule> added) {

    public SecurityGroupResult {
        added = List.copyOf(added);
    }

    public boolean changed() {
        return created || !added.isEmpty();
    }
}
