package dev.deckhand.app;

import dev.deckhand.aws.AwsClients;
import dev.deckhand.aws.cert.AwsCertificates;
import dev.deckhand.aws.deploy.AwsRunCommand;
import dev.deckhand.aws.dns.AwsDns;
import dev.deckhand.aws.loadbalancer.AwsLoadBalancerDirectory;
import dev.deckhand.aws.loadbalancer.AwsLoadBalancerGateway;
import dev.deckhand.aws.network.AwsElasticIps;
import dev.deckhand.aws.network.AwsInstanceDirectory;
import dev.deckhand.aws.network.AwsSecurityGroups;
import dev.deckhand.aws.stack.AwsStackGateway;
import dev.deckhand.cert.CertCommands;
import dev.deckhand.cert.CertificateIssuer;
import dev.deckhand.cert.CertificateService;
import dev.deckhand.chat.ChatPort;
import dev.deckhand.deploy.DeployCommands;
import dev.deckhand.dns.DnsCommands;
import dev.deckhand.dns.DnsService;
import dev.deckhand.dns.DnsZones;
import dev.deckhand.dns.PointTargets;
import dev.deckhand.ec2.RegionFanOut;
import dev.deckhand.loadbalancer.LoadBalancerCommands;
import dev.deckhand.loadbalancer.LoadBalancerCreator;
import dev.deckhand.dns.LoadBalancerDirectory;
import dev.deckhand.network.ElasticIpCommands;
import dev.deckhand.network.ElasticIpService;
import dev.deckhand.network.InstanceDirectory;
import dev.deckhand.network.OtherRegions;
import dev.deckhand.network.RegionHintingInstances;
import dev.deckhand.network.SecurityGroupCommands;
import dev.deckhand.pricing.PriceTable;
import dev.deckhand.stack.Pause;
import dev.deckhand.stack.StackCosts;
import dev.deckhand.stack.Teardown;
import dev.deckhand.stack.TeardownCommands;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * Builds the networking, DNS, load balancer, certificate, deploy and teardown features from their AWS
 * gateways, so {@link Deckhand} registers each with one line.
 */
final class InfraWiring {

    private final AwsClients aws;
    private final PriceTable prices;
    private final Clock clock;
    private final ChatPort chat;
    /** Background watches (certificate issuance) run here; daemon threads so they never keep the JVM up. */
    private final Executor background = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "deckhand-watch");
        thread.setDaemon(true);
        return thread;
    });
    private final InstanceDirectory instances;
    private final ElasticIpService eips;
    private final LoadBalancerDirectory loadBalancers;
    private final DnsService dns;
    private final CertificateService certificates;
    private final DnsZones zones;
    private final AwsSecurityGroups securityGroups;
    /** Teardown and load balancer removal share one gateway: both remove a stack's resources. */
    private final AwsStackGateway stacks;
    /** ACM is asked every 30 s for up to an hour; it usually issues within minutes once the CNAME resolves. */
    private final CertificateIssuer issuer;

    InfraWiring(AwsClients aws, PriceTable prices, Clock clock, ChatPort chat) {
        this.aws = aws;
        this.chat = chat;
        this.prices = prices;
        this.clock = clock;
        this.instances = new RegionHintingInstances(new AwsInstanceDirectory(aws), otherRegions());
        this.eips = new AwsElasticIps(aws);
        this.loadBalancers = new AwsLoadBalancerDirectory(aws);
        this.dns = new AwsDns(aws);
        this.certificates = new AwsCertificates(aws);
        this.zones = new DnsZones(dns);
        this.securityGroups = new AwsSecurityGroups(aws);
        this.stacks = new AwsStackGateway(aws, dns);
        this.issuer = new CertificateIssuer(certificates, dns, clock, Pause.SLEEP, Duration.ofSeconds(30), Duration.ofHours(1));
    }

    /** SSM is asked every 3 s for up to 10 min (the script's own timeout). */
    DeployCommands deployCommands() {
        return new DeployCommands(new AwsRunCommand(aws), instances, clock, Pause.SLEEP, Duration.ofSeconds(3),
                Duration.ofMinutes(10));
    }

    /** The load balancer is polled every 5 s for up to 10 min while it provisions. */
    LoadBalancerCommands loadBalancerCommands() {
        AwsLoadBalancerGateway gateway = new AwsLoadBalancerGateway(aws);
        LoadBalancerCreator creator = new LoadBalancerCreator(gateway, securityGroups, issuer, dns, stacks,
                clock, Pause.SLEEP, Duration.ofSeconds(5), Duration.ofMinutes(10));
        return new LoadBalancerCommands(gateway, creator, loadBalancers, instances, zones, stacks, prices, issuer, dns);
    }

    CertCommands certCommands() {
        return new CertCommands(certificates, issuer, zones, dns, chat, background);
    }

    /** Polls every 5 s and gives up after 10 min: instances usually terminate within a minute or two. */
    TeardownCommands teardownCommands() {
        return new TeardownCommands(new Teardown(stacks, new StackCosts(prices), clock, Pause.SLEEP,
                Duration.ofSeconds(5), Duration.ofMinutes(10)));
    }

    DnsCommands dnsCommands() {
        return new DnsCommands(dns, new PointTargets(eips, instances, loadBalancers));
    }

    ElasticIpCommands elasticIpCommands() {
        return new ElasticIpCommands(eips, instances, prices);
    }

    SecurityGroupCommands securityGroupCommands(List<Integer> worldOpenPorts) {
        return new SecurityGroupCommands(securityGroups, instances, worldOpenPorts, otherRegions());
    }

    /** A miss in the channel's region says which other watched region holds the name (asked in parallel). */
    private OtherRegions otherRegions() {
        return new OtherRegions(aws::watchedRegions, (regions, holds) -> RegionFanOut.ask(regions, holds::test).stream()
                .filter(a -> a.ok() && Boolean.TRUE.equals(a.value())).map(RegionFanOut.Answer::region).toList());
    }
}
