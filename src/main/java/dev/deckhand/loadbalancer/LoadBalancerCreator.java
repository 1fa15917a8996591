package dev.deckhand.loadbalancer;

import dev.deckhand.dns.LoadBalancerRef;
import dev.deckhand.cert.CertificateInfo;
import dev.deckhand.cert.CertificateIssuer;
import dev.deckhand.chat.Progress;
import dev.deckhand.command.UserFacingException;
import dev.deckhand.dns.DnsRecord;
import dev.deckhand.dns.DnsService;
import dev.deckhand.loadbalancer.LoadBalancerGateway.ListenerPlan;
import dev.deckhand.loadbalancer.LoadBalancerGateway.Subnet;
import dev.deckhand.loadbalancer.LoadBalancerGateway.TargetGroupSpec;
import dev.deckhand.loadbalancer.LoadBalancerGateway.TargetHealth;
import dev.deckhand.network.IngressRule;
import dev.deckhand.network.SecurityGroupService;
import dev.deckhand.stack.Billing;
import dev.deckhand.stack.Pause;
import dev.deckhand.stack.Poll;
import dev.deckhand.stack.ResourceKind;
import dev.deckhand.stack.StackGateway;
import dev.deckhand.stack.StackResource;
import dev.deckhand.stack.StackTags;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Builds an ALB for one instance: the certificate first (so a failed validation leaves nothing
 * billing), then a security group for 80/443, a target group with the health check, the instance
 * registered, the load balancer in one subnet per Availability Zone (at least two), HTTPS:443
 * forwarding and HTTP:80 redirecting (or HTTP:80 forwarding without a domain), the instance's group
 * opened to the load balancer's, and the DNS alias. If a step fails, what was made is removed again
 * in teardown order; anything that cannot go yet is named, and {@code teardown <stack>} finishes it.
 */
public final class LoadBalancerCreator {

    /** What was built. */
    public record Created(LoadBalancerRef loadBalancer, List<String> listeners, Optional<String> certificateArn,
                          List<TargetHealth> health, List<String> subnets) { }

    private final LoadBalancerGateway gateway;
    private final SecurityGroupService groups;
    private final CertificateIssuer issuer;
    private final DnsService dns;
    private final StackGateway remover;
    private final Poll poll;

    public LoadBalancerCreator(LoadBalancerGateway gateway, SecurityGroupService groups, CertificateIssuer issuer,
                               DnsService dns, StackGateway remover, Clock clock, Pause pause, Duration pollInterval,
                               Duration timeout) {
        this.gateway = gateway;
        this.groups = groups;
        this.issuer = issuer;
        this.dns = dns;
        this.remover = remover;
        this.poll = new Poll(clock, pause, pollInterval, timeout);
    }

    /** One subnet per Availability Zone of the VPC (the default subnet of a zone first); refuses fewer than two zones. */
    public List<Subnet> subnets(String region, String vpcId) {
        Map<String, Subnet> byZone = new LinkedHashMap<>();
        gateway.subnets(region, vpcId).stream()
                .sorted(Comparator.comparing(Subnet::availabilityZone)
                        .thenComparing((Subnet s) -> !s.defaultForAz()).thenComparing(s -> !s.mapsPublicIp()))
                .forEach(s -> byZone.putIfAbsent(s.availabilityZone(), s));
        if (byZone.size() < 2) {
            throw new UserFacingException("A load balancer needs subnets in at least two Availability Zones, and " + vpcId
                    + " has " + (byZone.isEmpty() ? "none" : "only " + String.join(", ", byZone.keySet()))
                    + ". Add a subnet in another zone of the VPC, then try again.");
        }
        return List.copyOf(byZone.values());
    }

    public Created create(String region, LoadBalancerPlan plan, Progress progress) {
        List<Subnet> subnets = subnets(region, plan.instance().vpcId());
        Optional<String> certificate = plan.domain().map(domain -> certificate(region, plan, domain, progress));
        StackTags tags = new StackTags(plan.name(), plan.stack(), plan.owner());
        List<StackResource> made = new ArrayList<>();
        try {
            progress.report("Creating security group " + plan.securityGroupName() + " for ports 80 and 443…");
            String groupId = gateway.createSecurityGroup(region, plan.instance().vpcId(), plan.securityGroupName(),
                    new StackTags(plan.securityGroupName(), plan.stack(), plan.owner()));
            made.add(new StackResource(ResourceKind.SECURITY_GROUP, groupId, plan.securityGroupName(), Billing.NONE));
            for (int port : List.of(80, 443)) {
                groups.authorize(region, groupId, new IngressRule("tcp", port, port, "0.0.0.0/0", "deckhand: load balancer"));
            }
            progress.report("Creating target group " + plan.targetGroupName() + " (health check " + plan.healthPath() + ")…");
            String targetGroup = gateway.createTargetGroup(region, new TargetGroupSpec(plan.targetGroupName(),
                    plan.instance().vpcId(), plan.port(), plan.healthPath(), "200-399"),
                    new StackTags(plan.targetGroupName(), plan.stack(), plan.owner()));
            made.add(new StackResource(ResourceKind.TARGET_GROUP, targetGroup, plan.targetGroupName(), Billing.NONE));
            gateway.registerTarget(region, targetGroup, plan.instance().id(), plan.port());
            progress.report("Creating load balancer " + plan.name() + " in " + subnets.size() + " zones…");
            LoadBalancerRef lb = gateway.createLoadBalancer(region, plan.name(), subnets.stream().map(Subnet::id).toList(),
                    groupId, tags);
            made.add(new StackResource(ResourceKind.LOAD_BALANCER, lb.arn(), plan.name(), Billing.alb()));
            List<String> listeners = new ArrayList<>();
            List<ListenerPlan> plans = certificate.<List<ListenerPlan>>map(arn -> List.of(
                            new ListenerPlan.HttpsForward(arn, targetGroup), new ListenerPlan.HttpRedirectToHttps()))
                    .orElse(List.of(new ListenerPlan.HttpForward(targetGroup)));
            for (ListenerPlan listener : plans) {
                String arn = gateway.createListener(region, lb.arn(), listener);
                made.add(new StackResource(ResourceKind.LISTENER, arn, describe(listener), Billing.NONE));
                listeners.add(describe(listener));
            }
            for (String instanceGroup : plan.instance().securityGroupIds().stream().limit(1).toList()) {
                gateway.allowFromGroup(region, instanceGroup, plan.port(), groupId);
            }
            awaitActive(region, lb, progress);
            plan.domain().ifPresent(domain -> {
                progress.report("Pointing " + domain + " at " + plan.name() + "…");
                dns.upsert(plan.zone().orElseThrow().id(), DnsRecord.alias(domain, lb.dnsName(), lb.canonicalHostedZoneId()));
            });
            return new Created(lb, listeners, certificate, gateway.targetHealth(region, targetGroup),
                    subnets.stream().map(s -> s.id() + " (" + s.availabilityZone() + ")").toList());
        } catch (UserFacingException e) {
            throw new UserFacingException(e.getMessage() + " " + rollBack(region, plan, made), e);
        }
    }

    private String certificate(String region, LoadBalancerPlan plan, String domain, Progress progress) {
        if (plan.issuedCertificate().isPresent()) {
            return plan.issuedCertificate().get();
        }
        CertificateIssuer.Started started = issuer.obtain(region, domain, plan.zone().orElseThrow(),
                new StackTags(domain, plan.stack(), plan.owner()), progress, plan.idempotencyToken(), plan.pendingCertificate());
        progress.report("Waiting for ACM to issue the certificate (usually a few minutes)…");
        CertificateInfo info = issuer.awaitIssued(region, started.certificate().arn());
        if (!info.isIssued()) {
            throw new UserFacingException("ACM did not issue the certificate for " + domain + ": " + info.status()
                    + (info.failureReason().isEmpty() ? "" : " (" + info.failureReason() + ")") + ". Nothing else was created.");
        }
        return info.arn();
    }

    private void awaitActive(String region, LoadBalancerRef lb, Progress progress) {
        progress.report("Waiting for " + lb.name() + " to become active…");
        Function<String, UserFacingException> notActive = state -> new UserFacingException("Load balancer " + lb.name()
                + " is '" + state + "' instead of active.");
        String state = poll.until(() -> gateway.state(region, lb.arn()), s -> s.equals("active") || s.equals("failed"),
                notActive);
        if (state.equals("failed")) {
            throw notActive.apply(state);
        }
    }

    /**
     * Removes a load balancer's own security group once AWS lets it go: its network interfaces linger a
     * moment after the load balancer is deleted, so an "in use" answer is asked again until the timeout.
     * The remover revokes the rule that let the group reach the instance's group first.
     *
     * @return whether it is gone
     */
    boolean removeWhenFree(String region, StackResource group) {
        try {
            poll.until(() -> remover.remove(region, group), r -> r != StackGateway.Removal.IN_USE, r -> new StillInUse());
            return true;
        } catch (StillInUse e) {
            return false;
        }
    }

    private static final class StillInUse extends RuntimeException {
        StillInUse() {
            super("still in use", null, false, false);
        }
    }

    /** Removes what this attempt made, in teardown order, and says how that went. */
    private String rollBack(String region, LoadBalancerPlan plan, List<StackResource> made) {
        if (made.isEmpty()) {
            return "Nothing was created.";
        }
        List<String> left = new ArrayList<>();
        made.stream().sorted(Comparator.comparing(StackResource::kind)).forEach(r -> {
            try {
                if (remover.remove(region, r) == StackGateway.Removal.IN_USE) {
                    left.add(r.describe());
                }
            } catch (UserFacingException e) {
                left.add(r.describe());
            }
        });
        return left.isEmpty() ? "What had been created was removed again."
                : "Removed what it could; still there: " + String.join(", ", left) + ". Run `teardown " + plan.stack()
                + "` in a minute to finish.";
    }

    static String describe(ListenerPlan plan) {
        if (plan instanceof ListenerPlan.HttpsForward) {
            return "HTTPS:443 → target group";
        }
        return plan instanceof ListenerPlan.HttpForward ? "HTTP:80 → target group" : "HTTP:80 → redirect to HTTPS:443";
    }
}
