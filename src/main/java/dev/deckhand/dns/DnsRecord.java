package dev.deckhand.dns;

import java.util.List;
import java.util.Optional;

/**
 * One record set: either plain values with a TTL, or an alias to an AWS resource.
 *
 * @param name   without the trailing dot
 * @param ttl    seconds; 0 for an alias
 * @param values addresses or names; empty for an alias
 */
public record DnsRecord(String name, String type, long ttl, List<String> values, Optional<AliasTarget> alias) {

    /**
     * @param hostedZoneId the target's canonical hosted zone (a load balancer's CanonicalHostedZoneId), not your zone
     * @param dnsName      the target's DNS name, without the trailing dot
     * @param evaluateTargetHealth whether Route 53 follows the target's health (kept as read, since a
     *                     DELETE must repeat the record exactly)
     */
    public record AliasTarget(String hostedZoneId, String dnsName, boolean evaluateTargetHealth) { }

    public DnsRecord {
        values = List.copyOf(values);
    }

    public static DnsRecord a(String name, String address, long ttl) {
        return new DnsRecord(name, "A", ttl, List.of(address), Optional.empty());
    }

    public static DnsRecord cname(String name, String target, long ttl) {
        return new DnsRecord(name, "CNAME", ttl, List.of(target), Optional.empty());
    }

    public static DnsRecord alias(String name, String targetDnsName, String canonicalZoneId) {
        return new DnsRecord(name, "A", 0, List.of(), Optional.of(new AliasTarget(canonicalZoneId, targetDnsName, true)));
    }

    /** Whether it leads to this address or this alias DNS name (compared without case or trailing dot). */
    public boolean pointsAt(String addressOrDnsName) {
        String wanted = addressOrDnsName.toLowerCase().replaceAll("\\.$", "");
        return values.contains(addressOrDnsName) || alias.map(a -> {
            String target = a.dnsName().toLowerCase().replaceAll("\\.$", "");
            return target.equals(wanted) || target.equals("dualstack." + wanted);
        }).orElse(false);
    }

    /** {@code api.example.com A 300 54.1.2.3} or {@code api.example.com A alias → shop-123.elb.amazonaws.com}. */
    public String describe() {
        return name + " " + type + alias.map(a -> " alias → " + a.dnsName())
                .orElse(" " + ttl + " " + String.join(", ", values));
    }
}
