package dev.deckhand.aws.costwatch;

import dev.deckhand.aws.AwsClients;
import dev.deckhand.costwatch.Leak;
import dev.deckhand.costwatch.LeakKind;
import dev.deckhand.pricing.PriceTable;
import software.amazon.awssdk.services.elasticloadbalancing.ElasticLoadBalancingClient;
import software.amazon.awssdk.services.elasticloadbalancing.model.LoadBalancerDescription;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Classic load balancers without an InService instance. Instance health and owner tags need the
 * balancer's name; for names the previous scan saw they start together with the listing
 * ({@link Speculation}).
 */
final class ClassicLoadBalancerLeaks {

    private final AwsClients aws;
    private final AsyncCalls calls;
    private final PriceTable prices;
    /** Per region: names of balancers the last scan listed, and those that had instances registered. */
    private final Map<String, List<String>> knownNames = new ConcurrentHashMap<>();
    private final Map<String, List<String>> knownWithInstances = new ConcurrentHashMap<>();

    ClassicLoadBalancerLeaks(AwsClients aws, AsyncCalls calls, PriceTable prices) {
        this.aws = aws;
        this.calls = calls;
        this.prices = prices;
    }

    CompletableFuture<List<Leak>> find(String region, Instant now) {
        ElasticLoadBalancingClient elb = aws.classicElb(region);
        Speculation<Long> health = new Speculation<>();
        knownWithInstances.getOrDefault(region, List.of()).forEach(n -> health.start(n, () -> inService(elb, region, n)));
        Speculation<Map<String, String>> tags = new Speculation<>();
        List<String> knownAll = knownNames.getOrDefault(region, List.of());
        LoadBalancerLeaks.batches(knownAll).forEach(b -> tags.start(String.join(",", b), () -> owners(elb, region, b)));

        CompletableFuture<List<LoadBalancerDescription>> lbs = calls.call("elasticloadbalancing:DescribeLoadBalancers",
                region, () -> elb.describeLoadBalancersPaginator(r -> { }).loadBalancerDescriptions().stream().toList());
        return lbs.thenCompose(list -> {
            List<String> names = list.stream().map(LoadBalancerDescription::loadBalancerName).toList();
            knownNames.put(region, names);
            knownWithInstances.put(region, list.stream().filter(lb -> !lb.instances().isEmpty())
                    .map(LoadBalancerDescription::loadBalancerName).toList());
            List<CompletableFuture<Map<String, String>>> tagParts = new ArrayList<>();
            if (!knownAll.isEmpty() && knownAll.containsAll(names)) {
                // A balancer deleted since the last scan fails its speculative batch: ask again for the rest.
                LoadBalancerLeaks.batches(knownAll).forEach(b -> tagParts.add(tags.get(String.join(",", b),
                        key -> owners(elb, region, LoadBalancerLeaks.stillListed(b, names)))));
            } else {
                LoadBalancerLeaks.batches(names).forEach(b -> tagParts.add(owners(elb, region, b)));
            }
            CompletableFuture<Map<String, String>> owners = AsyncCalls.all(tagParts).thenApply(LoadBalancerLeaks::merge);
            List<CompletableFuture<Leak>> perLb = new ArrayList<>();
            for (LoadBalancerDescription lb : list) {
                int registered = lb.instances().size();
                CompletableFuture<Long> healthy = registered == 0 ? CompletableFuture.completedFuture(0L)
                        : health.get(lb.loadBalancerName(), n -> inService(elb, region, n));
                perLb.add(healthy.thenCombine(owners, (count, owner) -> count > 0 ? null
                        : Leak.of(LeakKind.CLASSIC_LOAD_BALANCER, lb.loadBalancerName(), lb.loadBalancerName(), region,
                                owner.get(lb.loadBalancerName()), lb.createdTime(), now,
                                registered == 0 ? "has no registered instances"
                                        : "has no healthy instances (" + registered + " registered)",
                                prices.classicLoadBalancer(), "classic|" + registered + "|no-healthy")));
            }
            return AsyncCalls.all(perLb).thenApply(all -> all.stream().filter(Objects::nonNull).toList());
        });
    }

    private CompletableFuture<Long> inService(ElasticLoadBalancingClient elb, String region, String name) {
        return calls.call("elasticloadbalancing:DescribeInstanceHealth", region,
                () -> elb.describeInstanceHealth(r -> r.loadBalancerName(name)).instanceStates().stream()
                        .filter(s -> "InService".equals(s.state())).count());
    }

    private CompletableFuture<Map<String, String>> owners(ElasticLoadBalancingClient elb, String region, List<String> names) {
        if (names.isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        return calls.call("elasticloadbalancing:DescribeTags", region, () -> {
            Map<String, String> owner = new HashMap<>();
            elb.describeTags(r -> r.loadBalancerNames(names)).tagDescriptions().forEach(d -> d.tags().stream()
                    .filter(t -> Ec2Leaks.OWNER_TAG.equals(t.key()))
                    .forEach(t -> owner.put(d.loadBalancerName(), t.value())));
            return owner;
        });
    }
}
