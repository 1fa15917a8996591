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
import java.util.function.Consumer;

/**
 * Classic load balancers without an InService instance that served no request over the idle window
 * (CloudWatch's AWS/ELB RequestCount, one GetMetricData for the region's unhealthy ones): one that
 * clients still call is in use, even if every call fails. Instance health and owner tags need the
 * balancer's name; for names the previous scan saw they start together with the listing
 * ({@link Speculation}).
 */
final class ClassicLoadBalancerLeaks {

    private final AwsClients aws;
    private final AsyncCalls calls;
    private final PriceTable prices;
    private final IdleMetrics metrics;
    /** Per region: names of balancers the last scan listed, and those that had instances registered. */
    private final Map<String, List<String>> knownNames = new ConcurrentHashMap<>();
    private final Map<String, List<String>> knownWithInstances = new ConcurrentHashMap<>();

    ClassicLoadBalancerLeaks(AwsClients aws, AsyncCalls calls, PriceTable prices, IdleMetrics metrics) {
        this.aws = aws;
        this.calls = calls;
        this.prices = prices;
        this.metrics = metrics;
    }

    /** @param gaps told what could not be judged: balancers without a healthy instance whose requests are unknown */
    CompletableFuture<List<Leak>> find(String region, Instant now, Consumer<String> gaps) {
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
            List<CompletableFuture<LoadBalancerDescription>> perLb = new ArrayList<>();
            for (LoadBalancerDescription lb : list) {
                CompletableFuture<Long> healthy = lb.instances().isEmpty() ? CompletableFuture.completedFuture(0L)
                        : health.get(lb.loadBalancerName(), n -> inService(elb, region, n));
                perLb.add(healthy.thenApply(count -> count > 0 ? null : lb));
            }
            CompletableFuture<List<LoadBalancerDescription>> unhealthy = AsyncCalls.all(perLb)
                    .thenApply(all -> all.stream().filter(Objects::nonNull).toList());
            CompletableFuture<Map<String, Activity>> requests = unhealthy.thenCompose(none -> metrics.classicLoadBalancers(
                    region, none.stream().map(LoadBalancerDescription::loadBalancerName).toList(), now));
            return unhealthy.thenCombine(requests, Map::entry).thenCombine(owners,
                    (pair, owner) -> judge(pair.getKey(), pair.getValue(), owner, region, now, gaps));
        });
    }

    private List<Leak> judge(List<LoadBalancerDescription> unhealthy, Map<String, Activity> requests, Map<String, String> owner,
                             String region, Instant now, Consumer<String> gaps) {
        List<Leak> leaks = new ArrayList<>();
        Unjudged unjudged = new Unjudged();
        for (LoadBalancerDescription lb : unhealthy) {
            Activity activity = requests.get(lb.loadBalancerName());
            if (activity instanceof Activity.Unknown u) {
                unjudged.add(lb.loadBalancerName(), u.reason());
                continue;
            }
            if (((Activity.Measured) activity).requests() > 0) {
                continue; // called: in use, whatever its instances' health says
            }
            int registered = lb.instances().size();
            leaks.add(Leak.of(LeakKind.CLASSIC_LOAD_BALANCER, lb.loadBalancerName(), lb.loadBalancerName(), region,
                    owner.get(lb.loadBalancerName()), lb.createdTime(), now,
                    (registered == 0 ? "has no registered instances" : "has no healthy instances (" + registered + " registered)")
                            + "; no requests in " + dev.deckhand.costwatch.Ages.words(metrics.rules().window()),
                    prices.classicLoadBalancer(), "classic|" + registered + "|no-healthy")); // as before requests were asked: a Keep given then holds
        }
        unjudged.gap("requests", "Classic load balancer", " without a healthy instance", true).ifPresent(gaps);
        return leaks;
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
