package dev.deckhand.network;

import dev.deckhand.stack.StackTags;

import java.util.List;
import java.util.Optional;

/** Elastic IPs in product terms. */
public interface ElasticIpService {

    List<ElasticIp> list(String region);

    /**
     * Allocates an address tagged with {@code tags} and {@code deckhand:plan} = {@code planId}: AllocateAddress
     * takes no idempotency token, so the tag is how a retried or re-applied plan finds what it made.
     */
    ElasticIp allocate(String region, StackTags tags, String planId);

    /** The address that the plan {@code planId} allocated, if any. */
    Optional<ElasticIp> allocatedBy(String region, String planId);

    /** @return the association id */
    String associate(String region, String allocationId, String instanceId);

    /** Already disassociated is fine. */
    void disassociate(String region, String associationId);

    /** Already released is fine. */
    void release(String region, String allocationId);
}
