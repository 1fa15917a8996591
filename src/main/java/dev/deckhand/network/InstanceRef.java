package dev.deckhand.network;

import java.util.List;

/**
 * What the networking commands need to know about one EC2 instance.
 *
 * @param name             its {@code Name} tag, empty if none
 * @param state            running, stopped, terminated, ...
 * @param publicIp         empty when it has none
 * @param stack            its {@code deckhand:stack} tag, empty if none
 */
public record InstanceRef(String id, String name, String state, String type, String publicIp, String privateIp,
                          String vpcId, String subnetId, String availabilityZone, List<String> securityGroupIds,
                          String stack) {

    public InstanceRef {
        securityGroupIds = List.copyOf(securityGroupIds);
    }

    /** {@code web-1 (i-0abc)} or just the id. */
    public String label() {
        return name.isEmpty() ? id : name + " (" + id + ")";
    }
}
