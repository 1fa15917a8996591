package dev.deckhand.dns;

import dev.deckhand.command.UserFacingException;
import dev.deckhand.dns.LoadBalancerDirectory;
import dev.deckhand.dns.LoadBalancerRef;
import dev.deckhand.network.ElasticIp;
import dev.deckhand.network.ElasticIpService;
import dev.deckhand.network.InstanceDirectory;
import dev.deckhand.network.InstanceRef;
import dev.deckhand.plan.Owner;
import dev.deckhand.validate.Inputs;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Turns the second argument of {@code dns point} into an address or an alias: an Elastic IP (address
 * or allocation id), an instance (id or Name; its Elastic IP when it has one), or a load balancer name.
 */
public final class PointTargets {

    static final String NO_TAGS = "Route53 records carry no owner tag";

    private final ElasticIpService eips;
    private final InstanceDirectory instances;
    private final LoadBalancerDirectory loadBalancers;

    public PointTargets(ElasticIpService eips, InstanceDirectory instances, LoadBalancerDirectory loadBalancers) {
        this.eips = eips;
        this.instances = instances;
        this.loadBalancers = loadBalancers;
    }

    public PointTarget resolve(String region, String ref) {
        if (Inputs.isIpv4(ref) || ref.startsWith("eipalloc-")) {
            ElasticIp eip = eips.list(region).stream().filter(e -> e.publicIp().equals(ref) || e.allocationId().equals(ref))
                    .findFirst().orElseThrow(() -> new UserFacingException(ref + " is not one of your Elastic IPs in " + region
                            + ". `eip list` shows them; or name an instance or a load balancer."));
            return new PointTarget.Address(eip.publicIp(), "the Elastic IP " + eip.publicIp(), "");
        }
        if (!ref.startsWith("i-")) {
            Optional<LoadBalancerRef> lb = loadBalancers.find(region, ref);
            if (lb.isPresent()) {
                return new PointTarget.Alias(lb.get().dnsName(), lb.get().canonicalHostedZoneId(),
                        "the load balancer " + lb.get().name());
            }
        }
        InstanceRef instance = instances.find(region, ref).orElseThrow(() -> new UserFacingException("No instance, "
                + "Elastic IP or load balancer '" + ref + "' in " + region + ". Give an instance id or Name, an Elastic IP "
                + "(54.12.34.56), or a load balancer name; add --region if it lives elsewhere."));
        List<ElasticIp> attached = eips.list(region).stream().filter(e -> e.instanceId().equals(instance.id())).toList();
        if (!attached.isEmpty()) {
            return new PointTarget.Address(attached.get(0).publicIp(), "the Elastic IP of " + instance.label(), "");
        }
        if (instance.publicIp().isEmpty()) {
            throw new UserFacingException(instance.label() + " has no public address. Give it one with `eip allocate --for "
                    + (instance.name().isEmpty() ? instance.id() : instance.name()) + "`, then point the name at it.");
        }
        return new PointTarget.Address(instance.publicIp(), "the public address of " + instance.label(),
                "That address changes when the instance stops and starts; `eip allocate --for "
                        + (instance.name().isEmpty() ? instance.id() : instance.name()) + "` gives it a fixed one.");
    }

    /**
     * Who a record belongs to, read from what it points at now, since Route 53 records carry no tags:
     * the {@code deckhand:owner} of the Elastic IP or instance behind each address (an address's
     * own tag first, else the instance it is attached to). Anything else, or values of several
     * owners, is unreadable.
     */
    public Owner ownerOf(String region, DnsRecord record) {
        if (record.alias().isPresent() || record.values().isEmpty() || !record.type().equals("A")) {
            return new Owner.Unreadable(NO_TAGS + ", and " + record.describe() + " does not lead to a Deckhand address");
        }
        List<ElasticIp> all = eips.list(region);
        TreeSet<String> owners = new TreeSet<>();
        for (String value : record.values()) {
            Optional<ElasticIp> eip = all.stream().filter(e -> e.publicIp().equals(value)).findFirst();
            String owner = eip.map(ElasticIp::owner).filter(o -> !o.isEmpty())
                    .or(() -> eip.filter(e -> !e.instanceId().isEmpty()).flatMap(e -> instances.find(region, e.instanceId()))
                            .map(InstanceRef::owner).filter(o -> !o.isEmpty()))
                    .or(() -> eip.isPresent() ? Optional.empty()
                            : instances.findByPublicIp(region, value).map(InstanceRef::owner).filter(o -> !o.isEmpty()))
                    .orElse("");
            if (owner.isEmpty()) {
                return new Owner.Unreadable(NO_TAGS + ", and " + value + " is not an instance or Elastic IP with a "
                        + "deckhand:owner tag in " + region);
            }
            owners.add(owner);
        }
        return owners.size() == 1 ? new Owner.User(owners.first())
                : new Owner.Unreadable(NO_TAGS + ", and its addresses belong to " + String.join(", ", owners));
    }
}
