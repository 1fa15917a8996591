package dev.deckhand.loadbalancer;

import dev.deckhand.dns.LoadBalancerRef;
import dev.deckhand.stack.StackTags;

import java.util.List;
import java.util.Map;

/** ELBv2 (and the few EC2 calls an ALB needs) in product terms. */
public interface LoadBalancerGateway {

    record Subnet(String id, String availabilityZone, boolean defaultForAz, boolean mapsPublicIp) { }

    /** @param healthPath the health check path; {@code matcher} HTTP codes counted healthy */
    record TargetGroupSpec(String name, String vpcId, int port, String healthPath, String matcher) { }

    record TargetHealth(String targetId, int port, String state, String reason, String description) { }

    /** @param action e.g. {@code forward to shop-tg} or {@code redirect to HTTPS:443 (301)} */
    record ListenerInfo(String arn, String protocol, int port, String action) { }

    record TargetGroupInfo(String arn, String name, int port, String healthPath) { }

    /** A security group a load balancer uses, with its tags (to tell Deckhand's own {@code <name>-alb} apart). */
    record GroupInfo(String id, String name, Map<String, String> tags) {
        public GroupInfo {
            tags = Map.copyOf(tags);
        }
    }

    /** What a new listener does. */
    sealed interface ListenerPlan {
        record HttpsForward(String certificateArn, String targetGroupArn) implements ListenerPlan { }

        record HttpRedirectToHttps() implements ListenerPlan { }

        record HttpForward(String targetGroupArn) implements ListenerPlan { }
    }

    List<Subnet> subnets(String region, String vpcId);

    String createSecurityGroup(String region, String vpcId, String name, StackTags tags);

    /** Lets {@code sourceGroupId} (the load balancer's group) reach {@code port} on {@code groupId}; already there is fine. */
    void allowFromGroup(String region, String groupId, int port, String sourceGroupId);

    String createTargetGroup(String region, TargetGroupSpec spec, StackTags tags);

    void registerTarget(String region, String targetGroupArn, String instanceId, int port);

    LoadBalancerRef createLoadBalancer(String region, String name, List<String> subnetIds, String securityGroupId, StackTags tags);

    String createListener(String region, String loadBalancerArn, ListenerPlan plan);

    /** provisioning, active, active_impaired or failed. */
    String state(String region, String loadBalancerArn);

    List<TargetHealth> targetHealth(String region, String targetGroupArn);

    List<LoadBalancerRef> list(String region);

    List<ListenerInfo> listeners(String region, String loadBalancerArn);

    List<TargetGroupInfo> targetGroups(String region, String loadBalancerArn);

    /** These security groups (a load balancer's), with their names and tags; one that is gone is left out. */
    List<GroupInfo> securityGroups(String region, List<String> groupIds);

    /** The tags of these load balancers and target groups, by ARN (one without tags may be absent). */
    Map<String, Map<String, String>> tags(String region, List<String> arns);
}
