package dev.deckhand.network;

import dev.deckhand.plan.Kind;
import dev.deckhand.plan.Owner;
import dev.deckhand.plan.Target;

import java.util.List;

/**
 * Plan targets for the networking resources, with their owners and the state a plan pins: an Elastic
 * IP's association, a group's rules (instances name themselves: {@link InstanceRef#target}).
 */
public final class NetworkTargets {

    private NetworkTargets() {
    }

    /** Labelled by its address; the fingerprint is where it is attached now. */
    public static Target of(ElasticIp eip, String region) {
        return new Target(Kind.ELASTIC_IP, eip.allocationId(), region, Owner.of(eip.owner()), eip.stack(), eip.publicIp(),
                association(eip));
    }

    /** What an Elastic IP's fingerprint says: {@code idle} or {@code eipassoc-... on i-...}. */
    public static String association(ElasticIp eip) {
        if (!eip.isAssociated()) {
            return "idle";
        }
        return eip.associationId() + " on " + (eip.instanceId().isEmpty() ? "a network interface" : eip.instanceId());
    }

    /** An instance that is named (by an address's association) but could not be read. */
    public static Target unreadableInstance(String instanceId, String region) {
        return new Target(Kind.INSTANCE, instanceId, region,
                new Owner.Unreadable("instance " + instanceId + " was not found among the live instances"), "", instanceId, "");
    }

    /** The fingerprint is the group's inbound rules (protocol, ports, source), sorted. */
    public static Target of(SecurityGroupInfo group, String region) {
        List<String> rules = group.ingress().stream()
                .map(r -> r.protocol() + " " + r.fromPort() + "-" + r.toPort() + " " + r.source()).sorted().toList();
        return new Target(Kind.SECURITY_GROUP, group.id(), region, Owner.of(group.owner()), group.stack(), group.label(),
                String.join(", ", rules));
    }
}
