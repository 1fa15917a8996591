package dev.deckhand.network;

/**
 * An Elastic IP address. It is billed by the hour whether or not it is associated, and it outlives
 * the instance it is attached to. Shared by the {@code eip}, {@code dns} and {@code ec2} commands.
 *
 * @param associationId empty when idle
 * @param instanceId    empty when idle or attached to something other than an instance
 * @param name          its Name tag or empty
 * @param stack         its deckhand:stack tag or empty
 * @param owner         its deckhand:owner tag or empty
 */
public record ElasticIp(String publicIp, String allocationId, String associationId, String instanceId, String name,
                        String stack, String owner) {

    public boolean isAssociated() {
        return !associationId.isEmpty();
    }
}
