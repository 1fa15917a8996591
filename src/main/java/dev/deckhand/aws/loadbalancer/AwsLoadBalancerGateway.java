package dev.deckhand.aws.loadbalancer;

import dev.deckhand.aws.AwsClients;
import dev.deckhand.aws.AwsErrors;
import dev.deckhand.loadbalancer.LoadBalancerGateway;
import dev.deckhand.dns.LoadBalancerRef;
import dev.deckhand.stack.StackTags;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Certificate;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.IpAddressType;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RedirectActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RedirectActionStatusCodeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Application Load Balancers over ELBv2's Query API, plus the EC2 subnet and security group calls they need. */
public final class AwsLoadBalancerGateway implements LoadBalancerGateway {

    /** TLS 1.3 with 1.2 fallback, AWS's recommended policy for new listeners. */
    static final String SSL_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

    private final AwsClients aws;

    public AwsLoadBalancerGateway(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public List<Subnet> subnets(String region, String vpcId) {
        return AwsErrors.call("ec2:DescribeSubnets", region, () -> aws.ec2(region).describeSubnets(r -> r.filters(
                        Filter.builder().name("vpc-id").values(vpcId).build())))
                .subnets().stream().map(s -> new Subnet(s.subnetId(), s.availabilityZone(), Boolean.TRUE.equals(s.defaultForAz()),
                        Boolean.TRUE.equals(s.mapPublicIpOnLaunch()))).toList();
    }

    @Override
    public String createSecurityGroup(String region, String vpcId, String name, StackTags tags) {
        TagSpecification spec = TagSpecification.builder().resourceType(ResourceType.SECURITY_GROUP)
                .tags(tags.asMap().entrySet().stream().map(e -> software.amazon.awssdk.services.ec2.model.Tag.builder()
                        .key(e.getKey()).value(e.getValue()).build()).toList()).build();
        return AwsErrors.call("ec2:CreateSecurityGroup", region, () -> aws.ec2(region).createSecurityGroup(r -> r
                .groupName(name).description("Deckhand: HTTP and HTTPS to load balancer " + tags.name()).vpcId(vpcId)
                .tagSpecifications(spec))).groupId();
    }

    @Override
    public void allowFromGroup(String region, String groupId, int port, String sourceGroupId) {
        try {
            aws.ec2(region).authorizeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(IpPermission.builder()
                    .ipProtocol("tcp").fromPort(port).toPort(port)
                    .userIdGroupPairs(UserIdGroupPair.builder().groupId(sourceGroupId).description("deckhand: load balancer").build())
                    .build()));
        } catch (SdkException e) {
            if (!AwsErrors.errorCode(e).equals("InvalidPermission.Duplicate")) {
                throw AwsErrors.translate("ec2:AuthorizeSecurityGroupIngress", region, e);
            }
        }
    }

    @Override
    public String createTargetGroup(String region, TargetGroupSpec spec, StackTags tags) {
        return AwsErrors.call("elasticloadbalancing:CreateTargetGroup", region, () -> aws.elbv2(region).createTargetGroup(r -> r
                        .name(spec.name()).protocol(ProtocolEnum.HTTP).port(spec.port()).vpcId(spec.vpcId())
                        .targetType(TargetTypeEnum.INSTANCE).healthCheckProtocol(ProtocolEnum.HTTP)
                        .healthCheckPath(spec.healthPath()).healthCheckIntervalSeconds(15).healthyThresholdCount(2)
                        .unhealthyThresholdCount(2).matcher(m -> m.httpCode(spec.matcher())).tags(tags(tags))))
                .targetGroups().get(0).targetGroupArn();
    }

    @Override
    public void registerTarget(String region, String targetGroupArn, String instanceId, int port) {
        AwsErrors.call("elasticloadbalancing:RegisterTargets", region, () -> aws.elbv2(region).registerTargets(r -> r
                .targetGroupArn(targetGroupArn).targets(TargetDescription.builder().id(instanceId).port(port).build())));
    }

    @Override
    public LoadBalancerRef createLoadBalancer(String region, String name, List<String> subnetIds, String securityGroupId,
                                              StackTags tags) {
        return AwsLoadBalancerDirectory.toRef(AwsErrors.call("elasticloadbalancing:CreateLoadBalancer", region,
                () -> aws.elbv2(region).createLoadBalancer(r -> r.name(name).subnets(subnetIds).securityGroups(securityGroupId)
                        .scheme(LoadBalancerSchemeEnum.INTERNET_FACING).type(LoadBalancerTypeEnum.APPLICATION)
                        .ipAddressType(IpAddressType.IPV4).tags(tags(tags)))).loadBalancers().get(0));
    }

    @Override
    public String createListener(String region, String loadBalancerArn, ListenerPlan plan) {
        return AwsErrors.call("elasticloadbalancing:CreateListener", region, () -> aws.elbv2(region).createListener(r -> {
            r.loadBalancerArn(loadBalancerArn);
            if (plan instanceof ListenerPlan.HttpsForward https) {
                r.protocol(ProtocolEnum.HTTPS).port(443).sslPolicy(SSL_POLICY)
                        .certificates(Certificate.builder().certificateArn(https.certificateArn()).build())
                        .defaultActions(forward(https.targetGroupArn()));
            } else if (plan instanceof ListenerPlan.HttpForward http) {
                r.protocol(ProtocolEnum.HTTP).port(80).defaultActions(forward(http.targetGroupArn()));
            } else {
                r.protocol(ProtocolEnum.HTTP).port(80).defaultActions(Action.builder().type(ActionTypeEnum.REDIRECT)
                        .redirectConfig(RedirectActionConfig.builder().protocol("HTTPS").port("443")
                                .statusCode(RedirectActionStatusCodeEnum.HTTP_301).build()).build());
            }
        })).listeners().get(0).listenerArn();
    }

    @Override
    public String state(String region, String loadBalancerArn) {
        return AwsErrors.call("elasticloadbalancing:DescribeLoadBalancers", region, () -> aws.elbv2(region)
                        .describeLoadBalancers(r -> r.loadBalancerArns(loadBalancerArn)))
                .loadBalancers().stream().findFirst().map(lb -> lb.state().codeAsString()).orElse("gone");
    }

    @Override
    public List<TargetHealth> targetHealth(String region, String targetGroupArn) {
        return AwsErrors.call("elasticloadbalancing:DescribeTargetHealth", region, () -> aws.elbv2(region)
                        .describeTargetHealth(r -> r.targetGroupArn(targetGroupArn)))
                .targetHealthDescriptions().stream().map(d -> new TargetHealth(d.target().id(),
                        d.target().port() == null ? 0 : d.target().port(), d.targetHealth().stateAsString(),
                        nz(d.targetHealth().reasonAsString()), nz(d.targetHealth().description()))).toList();
    }

    @Override
    public List<LoadBalancerRef> list(String region) {
        return AwsErrors.call("elasticloadbalancing:DescribeLoadBalancers", region, () -> aws.elbv2(region)
                .describeLoadBalancersPaginator(r -> { }).loadBalancers().stream()
                .map(AwsLoadBalancerDirectory::toRef).toList());
    }

    @Override
    public List<ListenerInfo> listeners(String region, String loadBalancerArn) {
        return AwsErrors.call("elasticloadbalancing:DescribeListeners", region, () -> aws.elbv2(region)
                        .describeListeners(r -> r.loadBalancerArn(loadBalancerArn))).listeners().stream()
                .map(l -> new ListenerInfo(l.listenerArn(), l.protocolAsString(), l.port(), l.defaultActions().stream()
                        .map(AwsLoadBalancerGateway::describe).findFirst().orElse("no action"))).toList();
    }

    @Override
    public List<TargetGroupInfo> targetGroups(String region, String loadBalancerArn) {
        return AwsErrors.call("elasticloadbalancing:DescribeTargetGroups", region, () -> aws.elbv2(region)
                        .describeTargetGroups(r -> r.loadBalancerArn(loadBalancerArn))).targetGroups().stream()
                .map(g -> new TargetGroupInfo(g.targetGroupArn(), g.targetGroupName(), g.port() == null ? 0 : g.port(),
                        nz(g.healthCheckPath()))).toList();
    }

    @Override
    public List<GroupInfo> securityGroups(String region, List<String> groupIds) {
        if (groupIds.isEmpty()) {
            return List.of();
        }
        // By filter rather than by id: an id that is gone is left out instead of failing the whole call.
        return AwsErrors.call("ec2:DescribeSecurityGroups", region, () -> aws.ec2(region).describeSecurityGroups(r -> r
                        .filters(Filter.builder().name("group-id").values(groupIds).build()))).securityGroups().stream()
                .map(g -> {
                    Map<String, String> tags = new LinkedHashMap<>();
                    g.tags().forEach(t -> tags.put(t.key(), nz(t.value())));
                    return new GroupInfo(g.groupId(), nz(g.groupName()), tags);
                }).toList();
    }

    @Override
    public Map<String, Map<String, String>> tags(String region, List<String> arns) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (int from = 0; from < arns.size(); from += 20) {
            List<String> chunk = arns.subList(from, Math.min(arns.size(), from + 20));
            AwsErrors.call("elasticloadbalancing:DescribeTags", region, () -> aws.elbv2(region)
                    .describeTags(r -> r.resourceArns(chunk))).tagDescriptions().forEach(d -> {
                        Map<String, String> tags = new LinkedHashMap<>();
                        d.tags().forEach(t -> tags.put(t.key(), nz(t.value())));
                        out.put(d.resourceArn(), tags);
                    });
        }
        return out;
    }

    private static String describe(Action action) {
        if (action.type() == ActionTypeEnum.REDIRECT && action.redirectConfig() != null) {
            RedirectActionConfig r = action.redirectConfig();
            return "redirect to " + r.protocol() + ":" + r.port() + " (" + r.statusCodeAsString().replace("HTTP_", "") + ")";
        }
        if (action.type() == ActionTypeEnum.FORWARD && action.targetGroupArn() != null) {
            String arn = action.targetGroupArn();
            String[] parts = arn.split("/");
            return "forward to " + (parts.length >= 2 ? parts[parts.length - 2] : arn);
        }
        return action.typeAsString();
    }

    private static Action forward(String targetGroupArn) {
        return Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(targetGroupArn).build();
    }

    private static List<Tag> tags(StackTags tags) {
        return tags.asMap().entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
