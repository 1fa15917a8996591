package dev.deckhand.network;

/**
 * One inbound rule of a security group: what {@code sg show/open/close}, {@code elb create},
 * {@code ec2 launch} and {@code ec2 show} all read and write.
 *
 * @param protocol    tcp, udp, icmp or -1 (everything), as EC2 names them
 * @param fromPort    first port; -1 when the protocol has none
 * @param toPort      last port
 * @param source      a CIDR block, the id of another security group ({@code sg-}) or a prefix list ({@code pl-})
 * @param description may be empty
 */
public record IngressRule(String protocol, int fromPort, int toPort, String source, String description) {

    public IngressRule {
        description = description == null ? "" : description;
    }

    /** One TCP port from a CIDR block. */
    public static IngressRule tcp(int port, String cidr, String description) {
        return new IngressRule("tcp", port, port, cidr, description);
    }

    public boolean isGroupReference() {
        return source.startsWith("sg-");
    }

    public boolean covers(int port) {
        return protocol.equals("-1") || (protocol.equals("tcp") && port >= fromPort && port <= toPort);
    }

    /** Whether this rule lets anyone on the internet (any /0, IPv4 or IPv6) reach TCP {@code port}. */
    public boolean opensToWorld(int port) {
        return !isGroupReference() && !source.startsWith("pl-") && source.endsWith("/0") && covers(port);
    }

    /** The same access (protocol, ports, source), whatever the description says: AWS treats those as duplicates. */
    public boolean sameAccess(IngressRule other) {
        return protocol.equals(other.protocol) && fromPort == other.fromPort && toPort == other.toPort
                && source.equals(other.source);
    }

    /** {@code tcp 443 from 0.0.0.0/0}. */
    public String describe() {
        String ports = protocol.equals("-1") ? "all traffic"
                : protocol + " " + (fromPort == toPort ? String.valueOf(fromPort) : fromPort + "-" + toPort);
        return ports + " from " + source + (description.isEmpty() ? "" : " (" + description + ")");
    }
}
