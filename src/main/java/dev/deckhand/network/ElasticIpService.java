package dev.deckhand.network;

import dev.deckhand.stack.StackTags;

import java.util.List;

/** Elastic IPs in product terms. */
public interface ElasticIpService {

    List<ElasticIp> list(String region);

    ElasticIp allocate(String region, StackTags tags);

    /** @return the association id */
    String associate(String region, String allocationId, String instanceId);

    /** Already disassociated is fine. */
    void disassociate(String region, String associationId);

    /** Already released is fine. */
    void release(String region, String allocationId);
}
