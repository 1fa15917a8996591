package dev.deckhand.plan;

/** The kinds of things a plan can touch. */
public enum Kind {
    INSTANCE("instance"),
    ELASTIC_IP("Elastic IP"),
    SECURITY_GROUP("security group"),
    DNS_RECORD("DNS record"),
    LOAD_BALANCER("load balancer"),
    LISTENER("listener"),
    TARGET_GROUP("target group"),
    CERTIFICATE("certificate"),
    VOLUME("volume"),
    SNAPSHOT("snapshot"),
    NAT_GATEWAY("NAT gateway"),
    DATABASE("RDS database"),
    STACK("stack"),
    CHANNEL_SETTING("channel setting"),
    GRANT("role grant");

    private final String label;

    Kind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
