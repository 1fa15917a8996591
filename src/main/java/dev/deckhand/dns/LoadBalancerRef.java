package dev.deckhand.dns;

import java.util.List;

/**
 * An Application Load Balancer as the other features see it.
 *
 * @param canonicalHostedZoneId the zone Route 53 alias records to it must name
 * @param securityGroupIds      its groups
 */
public record LoadBalancerRef(String name, String arn, String dnsName, String canonicalHostedZoneId, String state,
                              String vpcId, List<String> securityGroupIds) {

    public LoadBalancerRef {
        securityGroupIds = List.copyOf(securityGroupIds);
    }
}
