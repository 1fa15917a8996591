package dev.deckhand.aws.stack;

import dev.deckhand.aws.AwsClients;
import dev.deckhand.aws.AwsErrors;
import dev.deckhand.dns.DnsRecord;
import dev.deckhand.dns.DnsService;
import dev.deckhand.dns.HostedZone;
import dev.deckhand.stack.Billing;
import dev.deckhand.stack.ResourceKind;
import dev.deckhand.stack.StackResource;
import dev.deckhand.stack.StackTags;
import software.amazon.awssdk.services.ec2.model.Address;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TagDescription;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds a stack's resources by the {@code deckhand:stack} tag: EC2 instances, Elastic IPs, security
 * groups and volumes by tag filter; load balancers and target groups by DescribeTags over the
 * region's list; certificates by ListTagsForCertificate; and DNS records by what they point at
 * (Route 53 records carry no tags).
 */
final class AwsStackInventory {

    private static final List<String> NOT_TERMINATED = List.of("pending", "running", "stopping", "stopped", "shutting-down");

    private final AwsClients aws;
    private final DnsService dns;

    AwsStackInventory(AwsClients aws, DnsService dns) {
        this.aws = aws;
        this.dns = dns;
    }

    List<StackResource> inventory(String region, String stack) {
        List<StackResource> found = new ArrayList<>();
        Filter tag = stackFilter(stack);
        List<Address> addresses = AwsErrors.call("ec2:DescribeAddresses", region,
                () -> aws.ec2(region).describeAddresses(r -> r.filters(tag))).addresses();
        List<Volume> volumes = AwsErrors.call("ec2:DescribeVolumes", region,
                () -> aws.ec2(region).describeVolumes(r -> r.filters(tag))).volumes();
        List<Instance> instances = AwsErrors.call("ec2:DescribeInstances", region, () -> aws.ec2(region)
                        .describeInstances(r -> r.filters(tag, Filter.builder().name("instance-state-name").values(NOT_TERMINATED).build())))
                .reservations().stream().map(Reservation::instances).flatMap(List::stream).toList();
        Set<String> elasticIps = new HashSet<>(addresses.stream().map(Address::publicIp).toList());
        Set<String> pointTargets = new LinkedHashSet<>(elasticIps);
        for (Instance i : instances) {
            Map<String, Integer> gb = new HashMap<>();
            volumes.stream().filter(v -> !keptAfterTermination(v))
                    .filter(v -> v.attachments().stream().anyMatch(a -> i.instanceId().equals(a.instanceId())))
                    .forEach(v -> gb.merge(v.volumeTypeAsString(), v.size(), Integer::sum));
            boolean billed = List.of("pending", "running").contains(i.state().nameAsString());
            boolean autoIp = i.publicIpAddress() != null && !elasticIps.contains(i.publicIpAddress());
            if (i.publicIpAddress() != null) {
                pointTargets.add(i.publicIpAddress());
            }
            String name = tagValue(i.tags(), StackTags.NAME);
            found.add(new StackResource(ResourceKind.INSTANCE, i.instanceId(),
                    (name.isEmpty() ? "" : name + " ") + "(" + i.instanceId() + ", " + i.instanceTypeAsString() + ", "
                            + i.state().nameAsString() + ")",
                    new Billing(billed ? i.instanceTypeAsString() : "", autoIp ? 1 : 0, gb, false)));
        }
        for (Address a : addresses) {
            found.add(new StackResource(ResourceKind.ELASTIC_IP, a.allocationId(), a.publicIp() + " (" + a.allocationId() + ")",
                    Billing.publicIpv4()));
        }
        for (Volume v : volumes) {
            if ("available".equals(v.stateAsString())) {
                found.add(volume(v));
            } else if (keptAfterTermination(v)) {
                // Attached with DeleteOnTermination=false: it stays behind when the instance goes, so list it now.
                found.add(new StackResource(ResourceKind.VOLUME, v.volumeId(), v.volumeId() + " (" + v.size() + " GB "
                        + v.volumeTypeAsString() + ", kept when its instance terminates)", Billing.volume(v.volumeTypeAsString(), v.size())));
            }
        }
        AwsErrors.call("ec2:DescribeSecurityGroups", region, () -> aws.ec2(region).describeSecurityGroups(r -> r.filters(tag)))
                .securityGroups().forEach(g -> found.add(new StackResource(ResourceKind.SECURITY_GROUP, g.groupId(),
                        g.groupName() + " (" + g.groupId() + ")", Billing.NONE)));
        addLoadBalancers(region, stack, found, pointTargets);
        addTargetGroups(region, stack, found);
        addCertificates(region, stack, found);
        addDnsRecords(pointTargets, found);
        return found;
    }

    List<StackResource> leftoverVolumes(String region, String stack) {
        return AwsErrors.call("ec2:DescribeVolumes", region, () -> aws.ec2(region).describeVolumes(r -> r.filters(
                        stackFilter(stack), Filter.builder().name("status").values("available").build())))
                .volumes().stream().filter(v -> "available".equals(v.stateAsString())).map(AwsStackInventory::volume).toList();
    }

    private void addLoadBalancers(String region, String stack, List<StackResource> found, Set<String> pointTargets) {
        var elb = aws.elbv2(region);
        List<LoadBalancer> all = AwsErrors.call("elasticloadbalancing:DescribeLoadBalancers", region,
                () -> elb.describeLoadBalancersPaginator(r -> { }).loadBalancers().stream().toList());
        Set<String> ours = tagged(region, stack, all.stream().map(LoadBalancer::loadBalancerArn).toList());
        for (LoadBalancer lb : all) {
            if (!ours.contains(lb.loadBalancerArn())) {
                continue;
            }
            pointTargets.add(lb.dnsName());
            AwsErrors.call("elasticloadbalancing:DescribeListeners", region,
                            () -> elb.describeListeners(r -> r.loadBalancerArn(lb.loadBalancerArn()))).listeners()
                    .forEach(l -> found.add(new StackResource(ResourceKind.LISTENER, l.listenerArn(),
                            l.protocolAsString() + ":" + l.port() + " of " + lb.loadBalancerName(), Billing.NONE)));
            found.add(new StackResource(ResourceKind.LOAD_BALANCER, lb.loadBalancerArn(), lb.loadBalancerName(), Billing.alb()));
        }
    }

    private void addTargetGroups(String region, String stack, List<StackResource> found) {
        var groups = AwsErrors.call("elasticloadbalancing:DescribeTargetGroups", region,
                () -> aws.elbv2(region).describeTargetGroupsPaginator(r -> { }).targetGroups().stream().toList());
        Set<String> ours = tagged(region, stack, groups.stream().map(g -> g.targetGroupArn()).toList());
        groups.stream().filter(g -> ours.contains(g.targetGroupArn())).forEach(g -> found.add(new StackResource(
                ResourceKind.TARGET_GROUP, g.targetGroupArn(), g.targetGroupName(), Billing.NONE)));
    }

    /** ARNs among {@code arns} tagged with the stack; DescribeTags takes 20 at a time. */
    private Set<String> tagged(String region, String stack, List<String> arns) {
        Set<String> ours = new HashSet<>();
        for (int from = 0; from < arns.size(); from += 20) {
            List<String> chunk = arns.subList(from, Math.min(arns.size(), from + 20));
            List<TagDescription> tags = AwsErrors.call("elasticloadbalancing:DescribeTags", region,
                    () -> aws.elbv2(region).describeTags(r -> r.resourceArns(chunk))).tagDescriptions();
            tags.stream().filter(d -> d.tags().stream().anyMatch(t -> StackTags.STACK.equals(t.key()) && stack.equals(t.value())))
                    .forEach(d -> ours.add(d.resourceArn()));
        }
        return ours;
    }

    private void addCertificates(String region, String stack, List<StackResource> found) {
        var acm = aws.acm(region);
        var certificates = AwsErrors.call("acm:ListCertificates", region,
                () -> acm.listCertificatesPaginator(r -> { }).certificateSummaryList().stream().toList());
        for (var certificate : certificates) {
            var tags = AwsErrors.call("acm:ListTagsForCertificate", region,
                    () -> acm.listTagsForCertificate(r -> r.certificateArn(certificate.certificateArn()))).tags();
            if (tags.stream().anyMatch(t -> StackTags.STACK.equals(t.key()) && stack.equals(t.value()))) {
                found.add(new StackResource(ResourceKind.CERTIFICATE, certificate.certificateArn(),
                        certificate.domainName() + " (requested by Deckhand)", Billing.NONE));
            }
        }
    }

    private void addDnsRecords(Set<String> pointTargets, List<StackResource> found) {
        if (pointTargets.isEmpty()) {
            return;
        }
        for (HostedZone zone : dns.zones()) {
            for (DnsRecord record : dns.records(zone.id())) {
                if (pointTargets.stream().anyMatch(record::pointsAt)) {
                    found.add(new StackResource(ResourceKind.DNS_RECORD, AwsStackGateway.recordId(zone.id(), record),
                            record.describe(), Billing.NONE));
                }
            }
        }
    }

    private static boolean keptAfterTermination(Volume v) {
        return v.attachments().stream().anyMatch(a -> Boolean.FALSE.equals(a.deleteOnTermination()));
    }

    private static StackResource volume(Volume v) {
        return new StackResource(ResourceKind.VOLUME, v.volumeId(), v.volumeId() + " (" + v.size() + " GB " + v.volumeTypeAsString()
                + ", detached)", Billing.volume(v.volumeTypeAsString(), v.size()));
    }

    private static Filter stackFilter(String stack) {
        return Filter.builder().name("tag:" + StackTags.STACK).values(stack).build();
    }

    private static String tagValue(List<Tag> tags, String key) {
        return tags.stream().filter(t -> key.equals(t.key())).map(Tag::value).findFirst().orElse("");
    }
}
