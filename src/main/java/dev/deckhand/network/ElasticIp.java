package dev.deckhand.network;

/**
 * An Elastic IP address.
 *
 * @param associationId empty when idle
 * @param instanceId    empty when idle or attached to something other than an instance
 * @param name          its Name tag or empty
 * @param stack         its deckhand:stack tag or empty
 */
public record ElasticIp(String publicIp, String allocationId, String associationId, String instanceId, String name,
                        String stack) {

    public boolean isAssociated() {
        return !associationId.isEmpty();
    }
}
