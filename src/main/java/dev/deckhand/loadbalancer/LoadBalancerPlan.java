package dev.deckhand.loadbalancer;

import dev.deckhand.dns.HostedZone;
import dev.deckhand.network.InstanceRef;

import java.util.Optional;

/**
 * A checked {@code elb create}: every input validated and every lookup done before anything is made.
 *
 * @param domain the name to serve over HTTPS (with its zone), if any
 */
public record LoadBalancerPlan(String name, String stack, String owner, InstanceRef instance, int port, String healthPath,
                               Optional<String> domain, Optional<HostedZone> zone) {

    public String targetGroupName() {
        return name + "-tg";
    }

    public String securityGroupName() {
        return name + "-alb";
    }
}
