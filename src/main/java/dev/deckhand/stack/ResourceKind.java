package dev.deckhand.stack;

/**
 * The kinds of resource a stack holds, declared in the order teardown removes them. The order
 * follows AWS's dependencies: names first (so nobody is sent to an address that is about to go),
 * listeners before their load balancer, the load balancer before its target groups and the
 * certificate it serves, instances before the Elastic IPs and security groups they hold, and
 * volumes last because a terminated instance may leave some behind.
 */
public enum ResourceKind {
    DNS_RECORD("DNS record"),
    LISTENER("listener"),
    LOAD_BALANCER("load balancer"),
    TARGET_GROUP("target group"),
    CERTIFICATE("certificate"),
    INSTANCE("instance"),
    ELASTIC_IP("Elastic IP"),
    SECURITY_GROUP("security group"),
    VOLUME("volume");

    private final String noun;

    ResourceKind(String noun) {
        this.noun = noun;
    }

    public String noun() {
        return noun;
    }

    /** Whether AWS may refuse it for a while after what used it is gone (ENIs, LB attachments) and a retry helps. */
    public boolean mayLingerInUse() {
        return this == SECURITY_GROUP || this == CERTIFICATE || this == TARGET_GROUP;
    }
}
