package dev.deckhand.aws.network;

import dev.deckhand.aws.AwsClients;
import dev.deckhand.aws.AwsErrors;
import dev.deckhand.command.UserFacingException;
import dev.deckhand.network.InstanceDirectory;
import dev.deckhand.network.InstanceRef;
import dev.deckhand.stack.StackTags;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.Tag;

import java.util.List;
import java.util.Optional;

/**
 * DescribeInstances filtered by {@code instance-id} or {@code tag:Name}, skipping terminated ones.
 * Filtering by id (rather than InstanceIds) makes a miss an empty answer instead of an error.
 */
public final class AwsInstanceDirectory implements InstanceDirectory {

    private static final List<String> LIVE = List.of("pending", "running", "stopping", "stopped");

    private final AwsClients aws;

    public AwsInstanceDirectory(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public Optional<InstanceRef> find(String region, String idOrName) {
        String key = idOrName.matches("i-[0-9a-f]{8,17}") ? "instance-id" : "tag:Name";
        List<Instance> found = AwsErrors.call("ec2:DescribeInstances", region, () -> aws.ec2(region)
                .describeInstances(r -> r.filters(
                        Filter.builder().name(key).values(idOrName).build(),
                        Filter.builder().name("instance-state-name").values(LIVE).build())))
                .reservations().stream().map(Reservation::instances).flatMap(List::stream).toList();
        if (found.size() > 1) {
            throw new UserFacingException("Several instances are named '" + idOrName + "' in " + region + ": "
                    + String.join(", ", found.stream().map(Instance::instanceId).toList()) + ". Use the id.");
        }
        return found.stream().findFirst().map(AwsInstanceDirectory::toRef);
    }

    static InstanceRef toRef(Instance i) {
        return new InstanceRef(i.instanceId(), tag(i.tags(), StackTags.NAME), i.state() == null ? "" : i.state().nameAsString(),
                i.instanceTypeAsString(), nz(i.publicIpAddress()), nz(i.privateIpAddress()), nz(i.vpcId()), nz(i.subnetId()),
                i.placement() == null ? "" : nz(i.placement().availabilityZone()),
                i.securityGroups().stream().map(GroupIdentifier::groupId).toList(), tag(i.tags(), StackTags.STACK));
    }

    static String tag(List<Tag> tags, String key) {
        return tags.stream().filter(t -> key.equals(t.key())).map(Tag::value).findFirst().orElse("");
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }
}
