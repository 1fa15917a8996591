package dev.deckhand.network;

import java.util.List;

/** Security groups in product terms; the AWS side lives in {@code dev.deckhand.aws.network}. */
public interface SecurityGroupService {

    /** Groups whose id, group name or Name tag is {@code ref}; empty when none. */
    List<SecurityGroupInfo> find(String region, String ref);

    List<SecurityGroupInfo> byIds(String region, List<String> groupIds);

    /** Adds a tcp rule; {@code false} when exactly that rule was already there. */
    boolean authorize(String region, String groupId, IngressRule rule);

    /** Removes a tcp rule; {@code false} when it was not there. */
    boolean revoke(String region, String groupId, IngressRule rule);
}
