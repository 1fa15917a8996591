package dev.deckhand.aws.ec2;

import dev.deckhand.aws.AwsClients;
import dev.deckhand.aws.AwsErrors;
import dev.deckhand.aws.network.IngressPermissions;
import dev.deckhand.ec2.InstanceState;
import dev.deckhand.ec2.LaunchOrder;
import dev.deckhand.ec2.Launched;
import dev.deckhand.ec2.SecurityGroupRequest;
import dev.deckhand.ec2.SecurityGroupResult;
import dev.deckhand.network.IngressRule;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.EbsBlockDevice;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.VolumeType;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The changing half of a launch: the {@code deckhand-<name>} security group, then RunInstances. */
final class Ec2Launcher {

    private final AwsClients aws;
    private final Function<String, List<String>> keyPairs;

    Ec2Launcher(AwsClients aws, Function<String, List<String>> keyPairs) {
        this.aws = aws;
        this.keyPairs = keyPairs;
    }

    Optional<dev.deckhand.ec2.ExistingGroup> securityGroupNamed(String region, String name) {
        return Ec2Errors.call("ec2:DescribeSecurityGroups", region, () -> aws.ec2(region)
                .describeSecurityGroups(r -> r.filters(Filter.builder().name("group-name").values(name).build()))
                .securityGroups().stream().findFirst().map(g -> {
                    var tags = Ec2Mapping.tags(g.tags());
                    return new dev.deckhand.ec2.ExistingGroup(g.groupId(), g.groupName(),
                            IngressPermissions.fromSdk(g.ipPermissions()), tags.get(Ec2Mapping.OWNER_TAG),
                            tags.get("deckhand:stack"));
                }));
    }

    void addIngress(String region, String groupId, List<IngressRule> rules) {
        if (!rules.isEmpty()) {
            authorize(region, groupId, rules);
        }
    }

    SecurityGroupResult ensureSecurityGroup(SecurityGroupRequest request) {
        String region = request.region();
        Optional<SecurityGroup> existing = Ec2Errors.call("ec2:DescribeSecurityGroups", region, () -> aws.ec2(region)
                .describeSecurityGroups(r -> r.filters(Filter.builder().name("group-name").values(request.name()).build()))
                .securityGroups().stream().findFirst());
        String groupId;
        List<IngressRule> missing;
        if (existing.isPresent()) {
            groupId = existing.get().groupId();
            List<IngressRule> present = IngressPermissions.fromSdk(existing.get().ipPermissions());
            missing = request.inbound().stream().filter(r -> present.stream().noneMatch(r::sameAccess)).toList();
        } else {
            groupId = Ec2Errors.call("ec2:CreateSecurityGroup", region, () -> aws.ec2(region).createSecurityGroup(r -> r
                    .groupName(request.name()).description(request.description())
                    .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.SECURITY_GROUP)
                            .tags(Ec2Mapping.sdkTags(request.tags())).build())).groupId());
            missing = request.inbound();
        }
        if (!missing.isEmpty()) {
            authorize(region, groupId, missing);
        }
        return new SecurityGroupResult(groupId, existing.isEmpty(), missing);
    }

    private void authorize(String region, String groupId, List<IngressRule> rules) {
        List<IpPermission> permissions = rules.stream().map(IngressPermissions::toSdk).toList();
        AwsErrors.call("ec2:AuthorizeSecurityGroupIngress", region, () -> {
            try {
                return aws.ec2(region).authorizeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(permissions));
            } catch (AwsServiceException e) {
                // A concurrent or retried launch added the same rule first: the group is as wanted.
                if ("InvalidPermission.Duplicate".equals(AwsErrors.errorCode(e))) {
                    return null;
                }
                throw e;
            }
        });
    }

    Launched launch(LaunchOrder order) {
        String region = order.region();
        var tags = Ec2Mapping.sdkTags(order.tags());
        Instance instance = Ec2Errors.call("ec2:RunInstances", region, () -> keyPairs.apply(region), () -> aws.ec2(region)
                .runInstances(r -> {
                    r.imageId(order.ami().id())
                            .instanceType(order.type())
                            .minCount(1).maxCount(1)
                            .clientToken(order.clientToken())
                            .securityGroupIds(order.securityGroupIds())
                            .blockDeviceMappings(BlockDeviceMapping.builder().deviceName(order.ami().rootDevice())
                                    .ebs(EbsBlockDevice.builder().volumeSize(order.diskGb()).volumeType(VolumeType.GP3)
                                            .deleteOnTermination(true).build())
                                    .build())
                            .tagSpecifications(
                                    TagSpecification.builder().resourceType(ResourceType.INSTANCE).tags(tags).build(),
                                    TagSpecification.builder().resourceType(ResourceType.VOLUME).tags(tags).build());
                    if (!order.keyName().isEmpty()) {
                        r.keyName(order.keyName());
                    }
                    if (!order.userData().isEmpty()) {
                        // RunInstances takes user data base64-encoded; the 16 KB limit applies to the raw script.
                        r.userData(Base64.getEncoder().encodeToString(order.userData().getBytes(StandardCharsets.UTF_8)));
                    }
                }).instances().get(0));
        return new Launched(instance.instanceId(), instance.state() == null || instance.state().code() == null
                ? InstanceState.PENDING : InstanceState.fromCode(instance.state().code()));
    }
}
