package dev.deckhand.network;

/**
 * One inbound rule of a security group.
 *
 * @param protocol    tcp, udp, icmp or -1 (everything)
 * @param fromPort    first port; -1 when the protocol has none
 * @param toPort      last port
 * @param source      a CIDR block, or the id of another security group
 * @param description may be empty
 */
public record IngressRule(String protocol, int fromPort, int toPort, String source, String description) {

    public boolean isGroupReference() {
        return source.startsWith("sg-");
    }

    public boolean covers(int port) {
        return protocol.equals("-1") || (protocol.equals("tcp") && port >= fromPort && port <= toPort);
    }

    /** {@code tcp 443 from 0.0.0.0/0}. */
    public String describe() {
        String ports = protocol.equals("-1") ? "all traffic"
                : protocol + " " + (fromPort == toPort ? String.valueOf(fromPort) : fromPort + "-" + toPort);
        return ports + " from " + source + (description.isEmpty() ? "" : " (" + description + ")");
    }
}
