package dev.deckhand.aws.ec2;

import dev.deckhand.ec2.InstanceState;
import dev.deckhand.ec2.InstanceSummary;
import dev.deckhand.ec2.SecurityGroup;
import dev.deckhand.ec2.Volume;
import dev.deckhand.aws.network.IngressPermissions;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.VolumeAttachment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** SDK model objects to Deckhand's EC2 records. */
final class Ec2Mapping {

    static final String OWNER_TAG = "deckhand:owner";

    private Ec2Mapping() {
    }

    static InstanceSummary summary(Instance i, String region, Set<String> elasticIps) {
        Map<String, String> tags = tags(i.tags());
        String publicIp = i.publicIpAddress();
        return new InstanceSummary(i.instanceId(), tags.getOrDefault("Name", ""), i.instanceTypeAsString(),
                i.state() == null || i.state().code() == null ? InstanceState.UNKNOWN : InstanceState.fromCode(i.state().code()),
                publicIp, publicIp != null && elasticIps.contains(publicIp), i.launchTime(),
                tags.getOrDefault(OWNER_TAG, ""), region);
    }

    static Map<String, String> tags(List<Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        tags.forEach(t -> map.put(t.key(), t.value()));
        return map;
    }

    static List<Tag> sdkTags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    static SecurityGroup securityGroup(software.amazon.awssdk.services.ec2.model.SecurityGroup g) {
        return new SecurityGroup(g.groupId(), g.groupName(), IngressPermissions.fromSdk(g.ipPermissions()));
    }

    static Volume volume(software.amazon.awssdk.services.ec2.model.Volume v, String instanceId) {
        VolumeAttachment attachment = v.attachments().stream().filter(a -> instanceId.equals(a.instanceId()))
                .findFirst().orElse(null);
        return new Volume(v.volumeId(), attachment == null ? "" : attachment.device(),
                v.size() == null ? 0 : v.size(), v.volumeTypeAsString(),
                attachment != null && Boolean.TRUE.equals(attachment.deleteOnTermination()));
    }
}
