package dev.deckhand.network;

import java.util.List;

/**
 * A security group and its inbound rules; {@code stack} and {@code owner} are its {@code deckhand:stack}
 * and {@code deckhand:owner} tags, empty when missing.
 */
public record SecurityGroupInfo(String id, String name, String vpcId, List<IngressRule> ingress, String stack,
                                String owner) {

    public SecurityGroupInfo {
        ingress = List.copyOf(ingress);
    }

    public String label() {
        return name + " (" + id + ")";
    }
}
