package dev.deckhand.aws.network;

import dev.deckhand.aws.AwsClients;
import dev.deckhand.aws.AwsErrors;
import dev.deckhand.aws.InstanceQuery;
import dev.deckhand.command.UserFacingException;
import dev.deckhand.network.InstanceDirectory;
import dev.deckhand.network.InstanceRef;
import dev.deckhand.stack.StackTags;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Tag;

import java.util.List;
import java.util.Optional;

/**
 * The networking commands' instance lookup: the shared {@link InstanceQuery} (by id or Name tag), live
 * instances only (a shutting-down one is no target for a rule, an address or a record).
 */
public final class AwsInstanceDirectory implements InstanceDirectory {

    private static final List<String> LIVE = List.of("pending", "running", "stopping", "stopped");

    private final AwsClients aws;

    public AwsInstanceDirectory(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public Optional<InstanceRef> find(String region, String idOrName) {
        List<Instance> found = AwsErrors.call("ec2:DescribeInstances", region,
                () -> InstanceQuery.byIdOrName(aws.ec2(region), idOrName, LIVE));
        if (found.size() > 1) {
            throw new UserFacingException("Several instances are named '" + idOrName + "' in " + region + ": "
                    + String.join(", ", found.stream().map(Instance::instanceId).toList()) + ". Use the id.");
        }
        return found.stream().findFirst().map(AwsInstanceDirectory::toRef);
    }

    @Override
    public Optional<InstanceRef> findByPublicIp(String region, String ip) {
        List<Filter> filters = List.of(Filter.builder().name("ip-address").values(ip).build(),
                Filter.builder().name("instance-state-name").values(LIVE).build());
        return AwsErrors.call("ec2:DescribeInstances", region, () -> aws.ec2(region).describeInstancesPaginator(r -> r
                        .filters(filters)).reservations().stream().flatMap(res -> res.instances().stream()).toList())
                .stream().findFirst().map(AwsInstanceDirectory::toRef);
    }

    /** The app kind {@code ec2 launch --app} installed (dev.deckhand.deploy.AppRuntime.TAG). */
    static final String APP_TAG = "deckhand:app";

    static InstanceRef toRef(Instance i) {
        return new InstanceRef(i.instanceId(), tag(i.tags(), StackTags.NAME), i.state() == null ? "" : i.state().nameAsString(),
                i.instanceTypeAsString(), nz(i.publicIpAddress()), nz(i.privateIpAddress()), nz(i.vpcId()), nz(i.subnetId()),
                i.placement() == null ? "" : nz(i.placement().availabilityZone()),
                i.securityGroups().stream().map(GroupIdentifier::groupId).toList(), tag(i.tags(), StackTags.STACK),
                tag(i.tags(), StackTags.OWNER), i.launchTime() == null ? "" : i.launchTime().toString(),
                tag(i.tags(), APP_TAG));
    }

    static String tag(List<Tag> tags, String key) {
        return tags.stream().filter(t -> key.equals(t.key())).map(Tag::value).findFirst().orElse("");
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }
}
