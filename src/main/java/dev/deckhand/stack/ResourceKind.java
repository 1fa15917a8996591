package dev.deckhand.stack;

import dev.deckhand.plan.Kind;

/**
 * The kinds of resource a stack holds, declared in the order teardown removes them. The order
 * follows AWS's dependencies: names first (so nobody is sent to an address that is about to go),
 * listeners before their load balancer, the load balancer before its target groups and the
 * certificate it serves, instances before the Elastic IPs and security groups they hold, and
 * volumes last because a terminated instance may leave some behind.
 */
public enum ResourceKind {
    DNS_RECORD("DNS record", Kind.DNS_RECORD),
    LISTENER("listener", Kind.LISTENER),
    LOAD_BALANCER("load balancer", Kind.LOAD_BALANCER),
    TARGET_GROUP("target group", Kind.TARGET_GROUP),
    CERTIFICATE("certificate", Kind.CERTIFICATE),
    INSTANCE("instance", Kind.INSTANCE),
    ELASTIC_IP("Elastic IP", Kind.ELASTIC_IP),
    SECURITY_GROUP("security group", Kind.SECURITY_GROUP),
    VOLUME("volume", Kind.VOLUME);

    private final String noun;
    private final Kind planKind;

    ResourceKind(String noun, Kind planKind) {
        this.noun = noun;
        this.planKind = planKind;
    }

    /** What a plan calls it. */
    public Kind planKind() {
        return planKind;
    }

    /** The stack kind of a plan's kind; a kind teardown does not remove is a bug. */
    public static ResourceKind of(Kind kind) {
        for (ResourceKind k : values()) {
            if (k.planKind == kind) {
                return k;
            }
        }
        throw new IllegalArgumentException("teardown does not remove a " + kind.label());
    }

    public String noun() {
        return noun;
    }

    /** Whether AWS may refuse it for a while after what used it is gone (ENIs, LB attachments) and a retry helps. */
    public boolean mayLingerInUse() {
        return this == SECURITY_GROUP || this == CERTIFICATE || this == TARGET_GROUP;
    }
}
