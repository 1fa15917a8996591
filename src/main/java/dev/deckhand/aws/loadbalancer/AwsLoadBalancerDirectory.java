package dev.deckhand.aws.loadbalancer;

import dev.deckhand.aws.AwsClients;
import dev.deckhand.aws.AwsErrors;
import dev.deckhand.dns.LoadBalancerDirectory;
import dev.deckhand.dns.LoadBalancerRef;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;

import java.util.Optional;

/** DescribeLoadBalancers by name; a LoadBalancerNotFound answer is simply "none". */
public final class AwsLoadBalancerDirectory implements LoadBalancerDirectory {

    private final AwsClients aws;

    public AwsLoadBalancerDirectory(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public Optional<LoadBalancerRef> find(String region, String name) {
        if (!name.matches("[A-Za-z0-9-]{1,32}")) {
            return Optional.empty();
        }
        try {
            return aws.elbv2(region).describeLoadBalancers(r -> r.names(name)).loadBalancers().stream()
                    .findFirst().map(AwsLoadBalancerDirectory::toRef);
        } catch (SdkException e) {
            if (AwsErrors.errorCode(e).equals("LoadBalancerNotFound")) {
                return Optional.empty();
            }
            throw AwsErrors.translate("elasticloadbalancing:DescribeLoadBalancers", region, e);
        }
    }

    public static LoadBalancerRef toRef(LoadBalancer lb) {
        return new LoadBalancerRef(lb.loadBalancerName(), lb.loadBalancerArn(), lb.dnsName(), lb.canonicalHostedZoneId(),
                lb.state() == null ? "" : lb.state().codeAsString(), lb.vpcId() == null ? "" : lb.vpcId(),
                lb.securityGroups());
    }
}
