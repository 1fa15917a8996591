package dev.deckhand.loadbalancer;

import dev.deckhand.dns.HostedZone;
import dev.deckhand.network.InstanceRef;

import java.util.Optional;

/**
 * A checked {@code elb create}: every input validated and every lookup done before anything is made.
 *
 * @param domain             the name to serve over HTTPS (with its zone), if any
 * @param issuedCertificate  an issued certificate for the domain that the plan found, reused as is
 * @param pendingCertificate one pending validation that the plan found, picked up instead of requesting one
 * @param idempotencyToken   ACM's token for a certificate request, from the plan id
 */
public record LoadBalancerPlan(String name, String stack, String owner, InstanceRef instance, int port, String healthPath,
                               Optional<String> domain, Optional<HostedZone> zone, Optional<String> issuedCertificate,
                               Optional<String> pendingCertificate, String idempotencyToken) {

    public String targetGroupName() {
        return name + "-tg";
    }

    public String securityGroupName() {
        return name + "-alb";
    }
}
