package dev.deckhand.ec2;

import dev.deckhand.network.IngressRule;
import dev.deckhand.validate.Inputs;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A launch as the user asked for it, validated: nothing resolved against AWS yet.
 *
 * @param name    instance name, also the stack name and the security group's suffix
 * @param region  where to launch
 * @param type    instance type
 * @param ami     an alias ({@code al2023}, {@code ubuntu-24.04}, {@code ubuntu-22.04}) or an {@code ami-...} id
 * @param keyName key pair, empty for none
 * @param ports   inbound TCP ports, ascending
 * @param from    the CIDR blocks the ports are opened to, canonical, comma-separated (usually one)
 * @param diskGb  root volume size (gp3)
 * @param ttl     how long until the {@code deckhand:expires} tag says it may go; empty for no expiry
 * @param app     the app installed on first boot ({@code --app}), empty for a bare instance
 */
public record LaunchSpec(String name, String region, String type, String ami, String keyName, List<Integer> ports,
                         String from, int diskGb, Optional<Duration> ttl, Optional<AppSetup> app) {

    public static final int SSH = 22;

    public LaunchSpec {
        ports = List.copyOf(ports);
        keyName = keyName == null ? "" : keyName;
        app = app == null ? Optional.empty() : app;
    }

    /** A bare instance, no app. */
    public LaunchSpec(String name, String region, String type, String ami, String keyName, List<Integer> ports,
                      String from, int diskGb, Optional<Duration> ttl) {
        this(name, region, type, ami, keyName, ports, from, diskGb, ttl, Optional.empty());
    }

    /** The blocks of {@code from}, one by one. */
    public List<String> fromRanges() {
        return List.of(from.split(","));
    }

    /** The blocks of {@code from}, parsed. */
    public List<Inputs.Cidr> fromCidrs() {
        return fromRanges().stream().map(Inputs::cidr).toList();
    }

    public String securityGroupName() {
        return "deckhand-" + name;
    }

    /**
     * Ports open to everyone whatever {@code --from} says: nginx's 80 and 443 with {@code --https nginx}, since
     * certbot's HTTP check comes from Let's Encrypt's servers and the site is for visitors.
     */
    public List<Integer> publicPorts() {
        return app.flatMap(AppSetup::nginxDomain).isPresent()
                ? AppSetup.NGINX_PORTS.stream().filter(ports::contains).toList() : List.of();
    }

    /** The ranges one port is opened to: everyone for a {@link #publicPorts() public port}, else {@code --from}. */
    public List<String> rangesFor(int port) {
        return publicPorts().contains(port) ? List.of(EVERYONE) : fromRanges();
    }

    /** Whether --from narrows other ports while nginx's stay public (what the plan says). */
    public boolean nginxPortsWiderThanFrom() {
        return !publicPorts().isEmpty() && !fromRanges().equals(List.of(EVERYONE));
    }

    static final String EVERYONE = "0.0.0.0/0";

    public List<IngressRule> ingressRules() {
        return ports.stream().flatMap(p -> rangesFor(p).stream().map(r -> IngressRule.tcp(p, r, "deckhand"))).toList();
    }
}
