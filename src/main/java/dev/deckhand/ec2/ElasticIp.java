package dev.deckhand.ec2;

/**
 * An Elastic IP address. It is billed by the hour whether or not it is associated, and it outlives
 * the instance it is attached to.
 *
 * @param publicIp     the address
 * @param allocationId {@code eipalloc-...}
 * @param instanceId   instance it is associated with, empty when idle
 */
public record ElasticIp(String publicIp, String allocationId, String instanceId) {

    public ElasticIp {
        instanceId = instanceId == null ? "" : instanceId;
    }
}
