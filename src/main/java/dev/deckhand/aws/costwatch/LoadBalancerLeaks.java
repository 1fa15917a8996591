package dev.deckhand.aws.costwatch;

import dev.deckhand.aws.AwsClients;
import dev.deckhand.costwatch.Leak;
import dev.deckhand.costwatch.LeakKind;
import dev.deckhand.pricing.PriceTable;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * ALB/NLB (ELBv2) without a healthy target. Load balancers and target groups are listed at once; each
 * target group's health and the owner tags follow, started together with the listing for the groups
 * and load balancers the previous scan saw (see {@link Speculation}), so a steady region costs one round
 * trip deep.
 */
final class LoadBalancerLeaks {

    static final int TAGS_PER_CALL = 20;

    private final AwsClients aws;
    private final AsyncCalls calls;
    private final PriceTable prices;
    /** Per region: target group ARNs and load balancer ARNs the last scan listed. */
    private final Map<String, List<String>> knownGroups = new ConcurrentHashMap<>();
    private final Map<String, List<String>> knownBalancers = new ConcurrentHashMap<>();

    private final IdleMetrics metrics;

    LoadBalancerLeaks(AwsClients aws, AsyncCalls calls, PriceTable prices, IdleMetrics metrics) {
        this.aws = aws;
        this.calls = calls;
        this.prices = prices;
        this.metrics = metrics;
    }

    /** @param gaps told what could not be judged: balancers without a healthy target whose requests are unknown */
    CompletableFuture<List<Leak>> find(String region, Instant now, Consumer<String> gaps) {
        ElasticLoadBalancingV2Client elb = aws.elbv2(region);
        Speculation<Integer> health = new Speculation<>();
        knownGroups.getOrDefault(region, List.of()).forEach(tg -> health.start(tg, () -> healthyTargets(elb, region, tg)));
        Speculation<Map<String, String>> tags = new Speculation<>();
        List<String> knownArns = knownBalancers.getOrDefault(region, List.of());
        batches(knownArns).forEach(batch -> tags.start(String.join(",", batch), () -> owners(elb, region, batch)));

        CompletableFuture<List<LoadBalancer>> lbs = calls.call("elasticloadbalancing:DescribeLoadBalancers", region,
                () -> elb.describeLoadBalancersPaginator(r -> { }).loadBalancers().stream().toList());
        CompletableFuture<List<TargetGroup>> groups = calls.call("elasticloadbalancing:DescribeTargetGroups", region,
                () -> elb.describeTargetGroupsPaginator(r -> { }).targetGroups().stream().toList());
        CompletableFuture<Map<String, Integer>> healthyByLb = groups.thenCompose(tgs -> {
            knownGroups.put(region, tgs.stream().filter(tg -> !tg.loadBalancerArns().isEmpty())
                    .map(TargetGroup::targetGroupArn).toList());
            List<CompletableFuture<Map<String, Integer>>> perGroup = new ArrayList<>();
            for (TargetGroup tg : tgs) {
                if (!tg.loadBalancerArns().isEmpty()) {
                    perGroup.add(health.get(tg.targetGroupArn(), arn -> healthyTargets(elb, region, arn)).thenApply(n -> {
                        Map<String, Integer> byLb = new HashMap<>();
                        tg.loadBalancerArns().forEach(lb -> byLb.put(lb, n));
                        return byLb;
                    }));
                }
            }
            return AsyncCalls.all(perGroup).thenApply(LoadBalancerLeaks::sum);
        });
        CompletableFuture<Map<String, String>> owners = lbs.thenCompose(list -> {
            List<String> arns = list.stream().map(LoadBalancer::loadBalancerArn).toList();
            knownBalancers.put(region, arns);
            List<CompletableFuture<Map<String, String>>> parts = new ArrayList<>();
            if (!knownArns.isEmpty() && knownArns.containsAll(arns)) {
                // A balancer deleted since the last scan fails its speculative batch: ask again for the rest.
                batches(knownArns).forEach(batch -> parts.add(tags.get(String.join(",", batch),
                        key -> owners(elb, region, stillListed(batch, arns)))));
            } else {
                batches(arns).forEach(batch -> parts.add(owners(elb, region, batch)));
            }
            return AsyncCalls.all(parts).thenApply(LoadBalancerLeaks::merge);
        });
        // No healthy target is not enough: a Lambda target group (health checks off: "unavailable") serves
        // requests all the same. Those without a healthy target are judged by their requests over the window.
        CompletableFuture<List<LoadBalancer>> unhealthy = lbs.thenCombine(healthyByLb, (list, healthy) -> list.stream()
                .filter(lb -> lb.typeAsString().equals("application") || lb.typeAsString().equals("network"))
                .filter(lb -> healthy.getOrDefault(lb.loadBalancerArn(), 0) == 0).toList());
        CompletableFuture<Map<String, Activity>> requests = unhealthy.thenCompose(list -> {
            Map<String, String> typeByArn = new HashMap<>();
            list.forEach(lb -> typeByArn.put(lb.loadBalancerArn(), lb.typeAsString()));
            return metrics.loadBalancers(region, typeByArn, now);
        });
        return unhealthy.thenCombine(requests, Map::entry).thenCombine(owners, (pair, owner) -> {
            List<Leak> leaks = new ArrayList<>();
            String window = dev.deckhand.costwatch.Ages.words(metrics.rules().window());
            Unjudged unjudged = new Unjudged();
            for (LoadBalancer lb : pair.getKey()) {
                Activity activity = pair.getValue().get(lb.loadBalancerArn());
                if (activity instanceof Activity.Unknown u) {
                    // No healthy target says little (a Lambda target group has health checks off): without its
                    // requests it is not judged, and the scan says so rather than offering it for clean-up.
                    unjudged.add(lb.loadBalancerName(), u.reason());
                    continue;
                }
                Activity.Measured m = (Activity.Measured) activity;
                if (m.requests() > 0) {
                    continue; // serving: in use whatever its targets' health says
                }
                String served = "; no " + (lb.typeAsString().equals("application") ? "requests" : "flows") + " in " + window;
                boolean alb = lb.typeAsString().equals("application");
                BigDecimal cost = alb ? prices.applicationLoadBalancer() : prices.networkLoadBalancer();
                leaks.add(Leak.of(LeakKind.LOAD_BALANCER, lb.loadBalancerArn(), lb.loadBalancerName(), region,
                        owner.get(lb.loadBalancerArn()), lb.createdTime(), now,
                        (alb ? "Application" : "Network") + " load balancer" + served, cost,
                        lb.typeAsString() + "|no-healthy-targets|no-requests"));
            }
            unjudged.gap("requests", "load balancer", " without a healthy target", true).ifPresent(gaps);
            return leaks;
        });
    }

    private CompletableFuture<Integer> healthyTargets(ElasticLoadBalancingV2Client elb, String region, String groupArn) {
        return calls.call("elasticloadbalancing:DescribeTargetHealth", region,
                () -> (int) elb.describeTargetHealth(r -> r.targetGroupArn(groupArn)).targetHealthDescriptions().stream()
                        .map(TargetHealthDescription::targetHealth)
                        .filter(h -> h.state() == TargetHealthStateEnum.HEALTHY).count());
    }

    private CompletableFuture<Map<String, String>> owners(ElasticLoadBalancingV2Client elb, String region, List<String> arns) {
        if (arns.isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        return calls.call("elasticloadbalancing:DescribeTags", region, () -> {
            Map<String, String> owner = new HashMap<>();
            elb.describeTags(r -> r.resourceArns(arns)).tagDescriptions().forEach(d -> d.tags().stream()
                    .filter(t -> Ec2Leaks.OWNER_TAG.equals(t.key()))
                    .forEach(t -> owner.put(d.resourceArn(), t.value())));
            return owner;
        });
    }

    static List<List<String>> batches(List<String> ids) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += TAGS_PER_CALL) {
            out.add(List.copyOf(ids.subList(i, Math.min(ids.size(), i + TAGS_PER_CALL))));
        }
        return out;
    }

    static List<String> stillListed(List<String> batch, List<String> listed) {
        return batch.stream().filter(listed::contains).toList();
    }

    static Map<String, Integer> sum(List<Map<String, Integer>> maps) {
        Map<String, Integer> total = new HashMap<>();
        maps.forEach(m -> m.forEach((k, v) -> total.merge(k, v, Integer::sum)));
        return total;
    }

    static Map<String, String> merge(List<Map<String, String>> maps) {
        Map<String, String> all = new HashMap<>();
        maps.forEach(all::putAll);
        return all;
    }
}
