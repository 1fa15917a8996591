package dev.deckhand.network;

import java.util.List;

/** A security group and its inbound rules; {@code stack} is its {@code deckhand:stack} tag or empty. */
public record SecurityGroupInfo(String id, String name, String vpcId, List<IngressRule> ingress, String stack) {

    public SecurityGroupInfo {
        ingress = List.copyOf(ingress);
    }

    public String label() {
        return name + " (" + id + ")";
    }
}
