package dev.deckhand.dns;

import dev.deckhand.command.UserFacingException;

import java.util.Comparator;
import java.util.List;

/** Picks the hosted zone a name belongs to, or refuses with the list of zones the account has. */
public final class DnsZones {

    private final DnsService dns;

    public DnsZones(DnsService dns) {
        this.dns = dns;
    }

    /** The most specific zone that holds {@code fqdn}; public zones win a tie with private ones. */
    public HostedZone zoneFor(String fqdn) {
        List<HostedZone> zones = dns.zones();
        return zones.stream().filter(z -> z.contains(fqdn))
                .max(Comparator.comparingInt((HostedZone z) -> z.name().length()).thenComparing(z -> !z.privateZone()))
                .orElseThrow(() -> new UserFacingException(fqdn + " is not inside any hosted zone you have"
                        + (zones.isEmpty() ? " (this account has none)." : ". Your zones: " + names(zones) + ".")
                        + " Use a name inside one of them, e.g. api." + (zones.isEmpty() ? "example.com" : zones.get(0).name())
                        + ", or create a zone for the domain in Route 53 first."));
    }

    /** The zone named {@code ref} (name or id), which must hold {@code fqdn}. */
    public HostedZone named(String ref, String fqdn) {
        String wanted = ref.toLowerCase().replaceAll("\\.$", "");
        List<HostedZone> zones = dns.zones();
        HostedZone zone = zones.stream().filter(z -> z.id().equals(ref) || z.name().equals(wanted)).findFirst()
                .orElseThrow(() -> new UserFacingException("No hosted zone '" + ref + "'. Your zones: " + names(zones) + "."));
        if (fqdn != null && !zone.contains(fqdn)) {
            throw new UserFacingException(fqdn + " is not inside the zone " + zone.name() + ". Use a name that ends in ."
                    + zone.name() + ", or leave out --zone.");
        }
        return zone;
    }

    static String names(List<HostedZone> zones) {
        return zones.isEmpty() ? "none" : String.join(", ", zones.stream().map(HostedZone::name).toList());
    }
}
