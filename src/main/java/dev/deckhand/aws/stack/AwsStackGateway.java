package dev.deckhand.aws.stack;

import dev.deckhand.aws.AwsClients;
import dev.deckhand.aws.AwsErrors;
import dev.deckhand.dns.DnsRecord;
import dev.deckhand.dns.DnsService;
import dev.deckhand.stack.StackGateway;
import dev.deckhand.stack.StackResource;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.model.Address;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Reservation;

import java.util.List;
import java.util.Set;

/**
 * Teardown's AWS side. Every removal maps AWS's "not found" codes to {@link Removal#ALREADY_GONE} (so a
 * rerun is harmless) and its "still in use" codes to {@link Removal#IN_USE} (so the caller may retry).
 */
public final class AwsStackGateway implements StackGateway {

    private final AwsClients aws;
    private final DnsService dns;
    private final AwsStackInventory inventory;

    public AwsStackGateway(AwsClients aws, DnsService dns) {
        this.aws = aws;
        this.dns = dns;
        this.inventory = new AwsStackInventory(aws, dns);
    }

    static String recordId(String zoneId, DnsRecord record) {
        return zoneId + "|" + record.name() + "|" + record.type();
    }

    @Override
    public List<StackResource> inventory(String region, String stack) {
        return inventory.inventory(region, stack);
    }

    @Override
    public Removal remove(String region, StackResource resource) {
        String id = resource.id();
        return switch (resource.kind()) {
            case DNS_RECORD -> removeRecord(id);
            case LISTENER -> attempt("elasticloadbalancing:DeleteListener", region, Set.of("ListenerNotFound"), Set.of(),
                    () -> aws.elbv2(region).deleteListener(r -> r.listenerArn(id)));
            case LOAD_BALANCER -> attempt("elasticloadbalancing:DeleteLoadBalancer", region, Set.of("LoadBalancerNotFound"),
                    Set.of("ResourceInUse"), () -> aws.elbv2(region).deleteLoadBalancer(r -> r.loadBalancerArn(id)));
            case TARGET_GROUP -> attempt("elasticloadbalancing:DeleteTargetGroup", region, Set.of("TargetGroupNotFound"),
                    Set.of("ResourceInUse"), () -> aws.elbv2(region).deleteTargetGroup(r -> r.targetGroupArn(id)));
            case CERTIFICATE -> attempt("acm:DeleteCertificate", region, Set.of("ResourceNotFoundException"),
                    Set.of("ResourceInUseException"), () -> aws.acm(region).deleteCertificate(r -> r.certificateArn(id)));
            case INSTANCE -> attempt("ec2:TerminateInstances", region, Set.of("InvalidInstanceID.NotFound"), Set.of(),
                    () -> aws.ec2(region).terminateInstances(r -> r.instanceIds(id)));
            case ELASTIC_IP -> removeAddress(region, id);
            case SECURITY_GROUP -> removeGroup(region, id);
            case VOLUME -> attempt("ec2:DeleteVolume", region, Set.of("InvalidVolume.NotFound"), Set.of("VolumeInUse"),
                    () -> aws.ec2(region).deleteVolume(r -> r.volumeId(id)));
        };
    }

    @Override
    public List<String> stillAlive(String region, List<String> instanceIds) {
        try {
            return aws.ec2(region).describeInstances(r -> r.instanceIds(instanceIds)).reservations().stream()
                    .map(Reservation::instances).flatMap(List::stream)
                    .filter(i -> !"terminated".equals(i.state().nameAsString())).map(Instance::instanceId).toList();
        } catch (SdkException e) {
            if (AwsErrors.errorCode(e).equals("InvalidInstanceID.NotFound")) {
                return List.of();
            }
            throw AwsErrors.translate("ec2:DescribeInstances", region, e);
        }
    }

    /**
     * Deletes a security group. When AWS answers DependencyViolation because another group's rule names
     * this one (elb create lets the load balancer's group reach the instance's), those rules are revoked
     * and the delete tried once more; network interfaces that still hold it make it {@code IN_USE}.
     */
    private Removal removeGroup(String region, String groupId) {
        Runnable delete = () -> aws.ec2(region).deleteSecurityGroup(r -> r.groupId(groupId));
        Set<String> gone = Set.of("InvalidGroup.NotFound");
        Removal first = attempt("ec2:DeleteSecurityGroup", region, gone, Set.of("DependencyViolation"), delete);
        if (first != Removal.IN_USE || !revokeReferencesTo(region, groupId)) {
            return first;
        }
        return attempt("ec2:DeleteSecurityGroup", region, gone, Set.of("DependencyViolation"), delete);
    }

    private boolean revokeReferencesTo(String region, String groupId) {
        var referrers = AwsErrors.call("ec2:DescribeSecurityGroups", region, () -> aws.ec2(region).describeSecurityGroups(r -> r
                .filters(Filter.builder().name("ip-permission.group-id").values(groupId).build()))).securityGroups();
        boolean revoked = false;
        for (SecurityGroup referrer : referrers) {
            if (referrer.groupId().equals(groupId)) {
                continue;
            }
            List<IpPermission> naming = referrer.ipPermissions().stream()
                    .filter(p -> p.userIdGroupPairs().stream().anyMatch(pair -> groupId.equals(pair.groupId())))
                    .map(p -> p.toBuilder().ipRanges(List.of()).ipv6Ranges(List.of()).prefixListIds(List.of())
                            .userIdGroupPairs(UserIdGroupPair.builder().groupId(groupId).build()).build())
                    .toList();
            if (!naming.isEmpty()) {
                AwsErrors.call("ec2:RevokeSecurityGroupIngress", region, () -> aws.ec2(region)
                        .revokeSecurityGroupIngress(r -> r.groupId(referrer.groupId()).ipPermissions(naming)));
                revoked = true;
            }
        }
        return revoked;
    }

    private Removal removeRecord(String id) {
        String[] parts = id.split("\\|", 3);
        List<DnsRecord> current = dns.records(parts[0]).stream()
                .filter(r -> r.name().equals(parts[1]) && r.type().equals(parts[2])).toList();
        if (current.isEmpty()) {
            return Removal.ALREADY_GONE;
        }
        dns.delete(parts[0], current);
        return Removal.REMOVED;
    }

    /** Disassociates the address if it is still attached, then releases it. */
    private Removal removeAddress(String region, String allocationId) {
        List<Address> found;
        try {
            found = aws.ec2(region).describeAddresses(r -> r.allocationIds(allocationId)).addresses();
        } catch (SdkException e) {
            if (AwsErrors.errorCode(e).equals("InvalidAllocationID.NotFound")) {
                return Removal.ALREADY_GONE;
            }
            throw AwsErrors.translate("ec2:DescribeAddresses", region, e);
        }
        if (found.isEmpty()) {
            return Removal.ALREADY_GONE;
        }
        String association = found.get(0).associationId();
        if (association != null) {
            Removal detached = attempt("ec2:DisassociateAddress", region, Set.of("InvalidAssociationID.NotFound"), Set.of(),
                    () -> aws.ec2(region).disassociateAddress(r -> r.associationId(association)));
            if (detached == Removal.IN_USE) {
                return detached;
            }
        }
        return attempt("ec2:ReleaseAddress", region, Set.of("InvalidAllocationID.NotFound"), Set.of("InvalidIPAddress.InUse"),
                () -> aws.ec2(region).releaseAddress(r -> r.allocationId(allocationId)));
    }

    private static Removal attempt(String action, String region, Set<String> gone, Set<String> inUse, Runnable call) {
        try {
            call.run();
            return Removal.REMOVED;
        } catch (SdkException e) {
            String code = AwsErrors.errorCode(e);
            if (gone.contains(code)) {
                return Removal.ALREADY_GONE;
            }
            if (inUse.contains(code)) {
                return Removal.IN_USE;
            }
            throw AwsErrors.translate(action, region, e);
        }
    }
}
