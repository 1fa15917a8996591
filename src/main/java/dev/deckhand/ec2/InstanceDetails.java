package dev.deckhand.ec2;

import dev.deckhand.network.ElasticIp;

import java.util.List;
import java.util.Map;

/**
 * Everything {@code ec2 show} tells about one instance.
 *
 * @param summary        the list view
 * @param privateIp      private IPv4 address
 * @param imageId        AMI it was launched from
 * @param keyName        key pair, empty when none
 * @param availabilityZone e.g. {@code us-east-1a}
 * @param securityGroups groups with their inbound rules
 * @param volumes        attached EBS volumes
 * @param elasticIps     Elastic IPs associated with it
 * @param tags           all tags
 */
public record InstanceDetails(InstanceSummary summary, String privateIp, String imageId, String keyName,
                              String availabilityZone, List<SecurityGroup> securityGroups, List<Volume> volumes,
                              List<ElasticIp> elasticIps, Map<String, String> tags) {

    public InstanceDetails {
        securityGroups = List.copyOf(securityGroups);
        volumes = List.copyOf(volumes);
        elasticIps = List.copyOf(elasticIps);
        tags = Map.copyOf(tags);
    }
}
