package dev.deckhand.aws.network;

import dev.deckhand.network.IngressRule;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;

import java.util.ArrayList;
import java.util.List;

/** {@link IngressRule}s to and from EC2's IpPermission: the one mapping the sg, elb and ec2 commands share. */
public final class IngressPermissions {

    private IngressPermissions() {
    }

    /** One rule as AuthorizeSecurityGroupIngress / RevokeSecurityGroupIngress take it (IPv6 blocks contain ':'). */
    public static IpPermission toSdk(IngressRule rule) {
        IpPermission.Builder p = IpPermission.builder().ipProtocol(rule.protocol()).fromPort(rule.fromPort()).toPort(rule.toPort());
        String description = rule.description().isEmpty() ? null : rule.description();
        if (rule.source().contains(":")) {
            p.ipv6Ranges(Ipv6Range.builder().cidrIpv6(rule.source()).description(description).build());
        } else {
            p.ipRanges(IpRange.builder().cidrIp(rule.source()).description(description).build());
        }
        return p.build();
    }

    /** Every source of every permission as its own rule: IPv4 and IPv6 blocks, other groups, prefix lists. */
    public static List<IngressRule> fromSdk(List<IpPermission> permissions) {
        List<IngressRule> rules = new ArrayList<>();
        for (IpPermission p : permissions) {
            String protocol = p.ipProtocol();
            int from = p.fromPort() == null ? -1 : p.fromPort();
            int to = p.toPort() == null ? -1 : p.toPort();
            p.ipRanges().forEach(r -> rules.add(new IngressRule(protocol, from, to, r.cidrIp(), r.description())));
            p.ipv6Ranges().forEach(r -> rules.add(new IngressRule(protocol, from, to, r.cidrIpv6(), r.description())));
            p.userIdGroupPairs().forEach(r -> rules.add(new IngressRule(protocol, from, to, r.groupId(), r.description())));
            p.prefixListIds().forEach(r -> rules.add(new IngressRule(protocol, from, to, r.prefixListId(), r.description())));
        }
        return rules;
    }
}
