package dev.deckhand.ec2;

import dev.deckhand.validate.Inputs;

/**
 * One inbound security-group rule.
 *
 * @param protocol {@code tcp}, {@code udp}, {@code icmp} or {@code all}
 * @param fromPort first port (-1 for all)
 * @param toPort   last port (-1 for all)
 * @param source   CIDR (IPv4 or IPv6) or a security group id
 */
public record IngressRule(String protocol, int fromPort, int toPort, String source) {

    public static IngressRule tcp(int port, String cidr) {
        return new IngressRule("tcp", port, port, cidr);
    }

    /** Whether this rule lets anyone on the internet reach {@code port}. */
    public boolean opensToWorld(int port) {
        boolean world = !source.startsWith("sg-") && !source.startsWith("pl-") && Inputs.cidr(source).isWorld();
        boolean covers = protocol.equals("all") || fromPort <= port && port <= toPort;
        return world && covers && !protocol.equals("udp") && !protocol.equals("icmp");
    }

    public String describe() {
        String ports = protocol.equals("all") ? "all traffic"
                : fromPort == toPort ? protocol + " " + fromPort : protocol + " " + fromPort + "-" + toPort;
        return ports + " from " + source;
    }
}
