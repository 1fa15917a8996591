package dev.deckhand.aws.network;

import dev.deckhand.aws.AwsClients;
import dev.deckhand.aws.AwsErrors;
import dev.deckhand.network.IngressRule;
import dev.deckhand.network.SecurityGroupInfo;
import dev.deckhand.network.SecurityGroupService;
import dev.deckhand.stack.StackTags;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Security groups over EC2: DescribeSecurityGroups, AuthorizeSecurityGroupIngress, RevokeSecurityGroupIngress. */
public final class AwsSecurityGroups implements SecurityGroupService {

    private final AwsClients aws;

    public AwsSecurityGroups(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public List<SecurityGroupInfo> find(String region, String ref) {
        if (ref.matches("sg-[0-9a-f]{8,17}")) {
            return describe(region, List.of(Filter.builder().name("group-id").values(ref).build()));
        }
        Map<String, SecurityGroupInfo> byId = new LinkedHashMap<>();
        describe(region, List.of(Filter.builder().name("group-name").values(ref).build())).forEach(g -> byId.put(g.id(), g));
        describe(region, List.of(Filter.builder().name("tag:Name").values(ref).build())).forEach(g -> byId.putIfAbsent(g.id(), g));
        return List.copyOf(byId.values());
    }

    @Override
    public List<SecurityGroupInfo> byIds(String region, List<String> groupIds) {
        if (groupIds.isEmpty()) {
            return List.of();
        }
        return describe(region, List.of(Filter.builder().name("group-id").values(groupIds).build()));
    }

    private List<SecurityGroupInfo> describe(String region, List<Filter> filters) {
        return AwsErrors.call("ec2:DescribeSecurityGroups", region,
                        () -> aws.ec2(region).describeSecurityGroups(r -> r.filters(filters)))
                .securityGroups().stream().map(AwsSecurityGroups::toInfo).toList();
    }

    @Override
    public boolean authorize(String region, String groupId, IngressRule rule) {
        try {
            aws.ec2(region).authorizeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(IngressPermissions.toSdk(rule)));
            return true;
        } catch (SdkException e) {
            if (AwsErrors.errorCode(e).equals("InvalidPermission.Duplicate")) {
                return false;
            }
            throw AwsErrors.translate("ec2:AuthorizeSecurityGroupIngress", region, e);
        }
    }

    @Override
    public boolean revoke(String region, String groupId, IngressRule rule) {
        try {
            var answer = aws.ec2(region).revokeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(IngressPermissions.toSdk(rule)));
            return answer.unknownIpPermissions().isEmpty();
        } catch (SdkException e) {
            if (AwsErrors.errorCode(e).equals("InvalidPermission.NotFound")) {
                return false;
            }
            throw AwsErrors.translate("ec2:RevokeSecurityGroupIngress", region, e);
        }
    }

    static SecurityGroupInfo toInfo(SecurityGroup g) {
        List<IngressRule> rules = IngressPermissions.fromSdk(g.ipPermissions());
        return new SecurityGroupInfo(g.groupId(), g.groupName(), AwsInstanceDirectory.nz(g.vpcId()), rules,
                AwsInstanceDirectory.tag(g.tags(), StackTags.STACK), AwsInstanceDirectory.tag(g.tags(), StackTags.OWNER));
    }
}
