package dev.deckhand.dns;

/** What {@code dns point} makes a name lead to. */
public sealed interface PointTarget {

    /** Words for the reply, e.g. {@code the Elastic IP of web-1 (i-0abc)}. */
    String description();

    /** An A record to an address; {@code warning} says when that address is not fixed. */
    record Address(String ip, String description, String warning) implements PointTarget { }

    /** An alias A record to a load balancer, with its canonical hosted zone id. */
    record Alias(String dnsName, String canonicalHostedZoneId, String description) implements PointTarget { }
}
