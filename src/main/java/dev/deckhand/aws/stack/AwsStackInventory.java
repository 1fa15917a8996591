package dev.deckhand.aws.stack;

import dev.deckhand.aws.AwsClients;
import dev.deckhand.aws.AwsErrors;
import dev.deckhand.aws.cert.AwsCertificates;
import dev.deckhand.dns.DnsRecord;
import dev.deckhand.dns.DnsService;
import dev.deckhand.dns.HostedZone;
import dev.deckhand.plan.Owner;
import dev.deckhand.stack.Billing;
import dev.deckhand.stack.ResourceKind;
import dev.deckhand.stack.StackResource;
import dev.deckhand.stack.StackTags;
import software.amazon.awssdk.services.ec2.model.Address;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TagDescription;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds a stack's resources by the {@code deckhand:stack} tag: EC2 instances, Elastic IPs, security
 * groups and volumes by tag filter; load balancers and target groups by DescribeTags over the
 * region's list; certificates by ListTagsForCertificate; and DNS records by what they point at
 * (Route 53 records carry no tags: a record's owner is that of what it points at). Each resource
 * carries its owner tag and a fingerprint of the state an approval pins.
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
        // What a record may point at, with the owner of that thing.
        Map<String, Owner> pointTargets = new LinkedHashMap<>();
        addresses.forEach(a -> pointTargets.put(a.publicIp(), owner(ec2Tag(a.tags(), StackTags.OWNER))));
        for (Instance i : instances) {
            Map<String, Integer> gb = new HashMap<>();
            volumes.stream().filter(v -> !keptAfterTermination(v))
                    .filter(v -> v.attachments().stream().anyMatch(a -> i.instanceId().equals(a.instanceId())))
                    .forEach(v -> gb.merge(v.volumeTypeAsString(), v.size(), Integer::sum));
            boolean billed = List.of("pending", "running").contains(i.state().nameAsString());
            boolean autoIp = i.publicIpAddress() != null && !elasticIps.contains(i.publicIpAddress());
            Owner owner = owner(ec2Tag(i.tags(), StackTags.OWNER));
            if (i.publicIpAddress() != null) {
                pointTargets.putIfAbsent(i.publicIpAddress(), owner);
            }
            String name = ec2Tag(i.tags(), StackTags.NAME);
            found.add(new StackResource(ResourceKind.INSTANCE, i.instanceId(),
                    (name.isEmpty() ? "" : name + " ") + "(" + i.instanceId() + ", " + i.instanceTypeAsString() + ", "
                            + i.state().nameAsString() + ")",
                    new Billing(billed ? i.instanceTypeAsString() : "", autoIp ? 1 : 0, gb, false), owner, stack,
                    "launched " + i.launchTime() + ", " + i.state().nameAsString()));
        }
        for (Address a : addresses) {
            found.add(new StackResource(ResourceKind.ELASTIC_IP, a.allocationId(), a.publicIp() + " (" + a.allocationId() + ")",
                    Billing.publicIpv4(), owner(ec2Tag(a.tags(), StackTags.OWNER)), stack,
                    a.associationId() == null ? "not associated" : "associated with " + a.instanceId() + " (" + a.associationId() + ")"));
        }
        for (Volume v : volumes) {
            if ("available".equals(v.stateAsString())) {
                found.add(volume(v, stack));
            } else if (keptAfterTermination(v)) {
                // Attached with DeleteOnTermination=false: it stays behind when the instance goes, so list it now.
                found.add(new StackResource(ResourceKind.VOLUME, v.volumeId(), v.volumeId() + " (" + v.size() + " GB "
                        + v.volumeTypeAsString() + ", kept when its instance terminates)", Billing.volume(v.volumeTypeAsString(), v.size()),
                        owner(ec2Tag(v.tags(), StackTags.OWNER)), stack, volumeFingerprint(v)));
            }
        }
        AwsErrors.call("ec2:DescribeSecurityGroups", region, () -> aws.ec2(region).describeSecurityGroups(r -> r.filters(tag)))
                .securityGroups().forEach(g -> found.add(new StackResource(ResourceKind.SECURITY_GROUP, g.groupId(),
                        g.groupName() + " (" + g.groupId() + ")", Billing.NONE, owner(ec2Tag(g.tags(), StackTags.OWNER)), stack,
                        rules(g.ipPermissions()))));
        addLoadBalancers(region, stack, found, pointTargets);
        addTargetGroups(region, stack, found);
        Map<DnsRecord, Owner> validations = addCertificates(region, stack, found);
        addDnsRecords(stack, pointTargets, validations, found);
        return found;
    }

    private void addLoadBalancers(String region, String stack, List<StackResource> found, Map<String, Owner> pointTargets) {
        var elb = aws.elbv2(region);
        List<LoadBalancer> all = AwsErrors.call("elasticloadbalancing:DescribeLoadBalancers", region,
                () -> elb.describeLoadBalancersPaginator(r -> { }).loadBalancers().stream().toList());
        Map<String, Owner> ours = tagged(region, stack, all.stream().map(LoadBalancer::loadBalancerArn).toList());
        for (LoadBalancer lb : all) {
            Owner owner = ours.get(lb.loadBalancerArn());
            if (owner == null) {
                continue;
            }
            pointTargets.putIfAbsent(lb.dnsName(), owner);
            // Listeners carry no tags of Deckhand's: they are their load balancer's.
            AwsErrors.call("elasticloadbalancing:DescribeListeners", region,
                            () -> elb.describeListeners(r -> r.loadBalancerArn(lb.loadBalancerArn()))).listeners()
                    .forEach(l -> found.add(new StackResource(ResourceKind.LISTENER, l.listenerArn(),
                            l.protocolAsString() + ":" + l.port() + " of " + lb.loadBalancerName(), Billing.NONE, owner, stack,
                            l.protocolAsString() + ":" + l.port() + " on " + lb.loadBalancerArn())));
            found.add(new StackResource(ResourceKind.LOAD_BALANCER, lb.loadBalancerArn(), lb.loadBalancerName(), Billing.alb(),
                    owner, stack, lb.dnsName() + ", created " + lb.createdTime()));
        }
    }

    private void addTargetGroups(String region, String stack, List<StackResource> found) {
        var groups = AwsErrors.call("elasticloadbalancing:DescribeTargetGroups", region,
                () -> aws.elbv2(region).describeTargetGroupsPaginator(r -> { }).targetGroups().stream().toList());
        Map<String, Owner> ours = tagged(region, stack, groups.stream().map(g -> g.targetGroupArn()).toList());
        groups.stream().filter(g -> ours.containsKey(g.targetGroupArn())).forEach(g -> found.add(new StackResource(
                ResourceKind.TARGET_GROUP, g.targetGroupArn(), g.targetGroupName(), Billing.NONE, ours.get(g.targetGroupArn()),
                stack, g.protocolAsString() + ":" + g.port() + " in " + g.vpcId())));
    }

    /** ARNs among {@code arns} tagged with the stack, with their owners; DescribeTags takes 20 at a time. */
    private Map<String, Owner> tagged(String region, String stack, List<String> arns) {
        Map<String, Owner> ours = new LinkedHashMap<>();
        for (int from = 0; from < arns.size(); from += 20) {
            List<String> chunk = arns.subList(from, Math.min(arns.size(), from + 20));
            List<TagDescription> tags = AwsErrors.call("elasticloadbalancing:DescribeTags", region,
                    () -> aws.elbv2(region).describeTags(r -> r.resourceArns(chunk))).tagDescriptions();
            tags.stream().filter(d -> d.tags().stream().anyMatch(t -> StackTags.STACK.equals(t.key()) && stack.equals(t.value())))
                    .forEach(d -> ours.put(d.resourceArn(), owner(d.tags().stream().filter(t -> StackTags.OWNER.equals(t.key()))
                            .map(t -> t.value()).findFirst().orElse(""))));
        }
        return ours;
    }

    /** @return the ACM validation records of the stack's certificates, with the certificate's owner */
    private Map<DnsRecord, Owner> addCertificates(String region, String stack, List<StackResource> found) {
        Map<DnsRecord, Owner> validations = new LinkedHashMap<>();
        var acm = aws.acm(region);
        var certificates = AwsErrors.call("acm:ListCertificates", region,
                () -> acm.listCertificatesPaginator(r -> { }).certificateSummaryList().stream().toList());
        for (var certificate : certificates) {
            var tags = AwsErrors.call("acm:ListTagsForCertificate", region,
                    () -> acm.listTagsForCertificate(r -> r.certificateArn(certificate.certificateArn()))).tags();
            if (tags.stream().anyMatch(t -> StackTags.STACK.equals(t.key()) && stack.equals(t.value()))) {
                Owner owner = owner(tags.stream().filter(t -> StackTags.OWNER.equals(t.key())).map(t -> t.value())
                        .findFirst().orElse(""));
                found.add(new StackResource(ResourceKind.CERTIFICATE, certificate.certificateArn(),
                        certificate.domainName() + " (requested by Deckhand)", Billing.NONE, owner, stack,
                        certificate.domainName()));
                // Its validation CNAME was written for it and belongs to the stack too.
                certificates().describe(region, certificate.certificateArn()).validationRecord()
                        .ifPresent(v -> validations.put(v, owner));
            }
        }
        return validations;
    }

    private AwsCertificates certificates() {
        return new AwsCertificates(aws);
    }

    private void addDnsRecords(String stack, Map<String, Owner> pointTargets, Map<DnsRecord, Owner> validations,
                               List<StackResource> found) {
        if (pointTargets.isEmpty() && validations.isEmpty()) {
            return;
        }
        for (HostedZone zone : dns.zones()) {
            for (DnsRecord record : dns.records(zone.id())) {
                var target = pointTargets.entrySet().stream().filter(t -> record.pointsAt(t.getKey())).findFirst();
                if (target.isPresent()) {
                    found.add(new StackResource(ResourceKind.DNS_RECORD, AwsStackGateway.recordId(zone.id(), record),
                            record.describe(), Billing.NONE, target.get().getValue(), stack, recordFingerprint(record)));
                    continue;
                }
                validations.entrySet().stream().filter(v -> isValidation(record, v.getKey())).findFirst().ifPresent(v ->
                        found.add(new StackResource(ResourceKind.DNS_RECORD, AwsStackGateway.recordId(zone.id(), record),
                                record.describe() + " (certificate validation)", Billing.NONE, v.getValue(), stack,
                                recordFingerprint(record))));
            }
        }
    }

    /** The same CNAME, names and values compared without case or a trailing dot. */
    private static boolean isValidation(DnsRecord record, DnsRecord validation) {
        return record.type().equals("CNAME") && bare(record.name()).equals(bare(validation.name()))
                && record.values().stream().map(AwsStackInventory::bare).toList()
                .equals(validation.values().stream().map(AwsStackInventory::bare).toList());
    }

    private static String bare(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    /** Its values (sorted) and TTL, or its alias target. */
    static String recordFingerprint(DnsRecord record) {
        return record.alias().map(a -> "alias " + a.dnsName())
                .orElse("ttl " + record.ttl() + " " + String.join(",", new TreeSet<>(record.values())));
    }

    /** A group's inbound rules, sorted, so two listings of the same rules read the same. */
    private static String rules(List<IpPermission> permissions) {
        Set<String> rules = new TreeSet<>();
        for (IpPermission p : permissions) {
            String ports = p.ipProtocol() + " " + p.fromPort() + "-" + p.toPort() + " from ";
            p.ipRanges().forEach(r -> rules.add(ports + r.cidrIp()));
            p.ipv6Ranges().forEach(r -> rules.add(ports + r.cidrIpv6()));
            p.userIdGroupPairs().forEach(g -> rules.add(ports + g.groupId()));
            p.prefixListIds().forEach(l -> rules.add(ports + l.prefixListId()));
        }
        return rules.isEmpty() ? "no inbound rules" : String.join("; ", rules);
    }

    private static String volumeFingerprint(Volume v) {
        return v.size() + " GB " + v.volumeTypeAsString() + ", " + v.stateAsString() + String.join("", v.attachments().stream()
                .map(a -> ", attached to " + a.instanceId()).toList());
    }

    private static Owner owner(String tag) {
        return Owner.of(tag);
    }

    private static boolean keptAfterTermination(Volume v) {
        return v.attachments().stream().anyMatch(a -> Boolean.FALSE.equals(a.deleteOnTermination()));
    }

    private static StackResource volume(Volume v, String stack) {
        return new StackResource(ResourceKind.VOLUME, v.volumeId(), v.volumeId() + " (" + v.size() + " GB " + v.volumeTypeAsString()
                + ", detached)", Billing.volume(v.volumeTypeAsString(), v.size()), owner(ec2Tag(v.tags(), StackTags.OWNER)), stack,
                volumeFingerprint(v));
    }

    private static Filter stackFilter(String stack) {
        return Filter.builder().name("tag:" + StackTags.STACK).values(stack).build();
    }

    private static String ec2Tag(List<Tag> tags, String key) {
        return tags.stream().filter(t -> key.equals(t.key())).map(Tag::value).findFirst().orElse("");
    }
}
