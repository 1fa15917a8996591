package dev.deckhand.dns;

/**
 * A Route 53 hosted zone.
 *
 * @param id   without the {@code /hostedzone/} prefix, e.g. {@code Z1D633PJN98FT9}
 * @param name without the trailing dot, e.g. {@code example.com}
 */
public record HostedZone(String id, String name, boolean privateZone, long recordCount) {

    /** Whether {@code fqdn} is this zone's apex or below it. */
    public boolean contains(String fqdn) {
        return fqdn.equals(name) || fqdn.endsWith("." + name);
    }
}
