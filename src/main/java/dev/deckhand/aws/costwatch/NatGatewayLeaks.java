package dev.deckhand.aws.costwatch;

import dev.deckhand.aws.AwsClients;
import dev.deckhand.costwatch.Leak;
import dev.deckhand.costwatch.LeakKind;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.NatGateway;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Idle NAT gateways: available ones that sent (almost) nothing over the last week, by CloudWatch's
 * {@code AWS/NATGateway BytesOutToDestination} (no datapoints count as nothing sent). A NAT gateway
 * bills by the hour whether used or not (about $33/month) plus per GB processed.
 */
final class NatGatewayLeaks {

    /** Below this over the window counts as idle: a few health checks, no real traffic. */
    static final double IDLE_BYTES = 1_000_000;

    private final AwsClients aws;
    private final AsyncCalls calls;
    private final CloudWatchMetrics metrics;
    private final LeakPrices prices;

    NatGatewayLeaks(AwsClients aws, AsyncCalls calls, CloudWatchMetrics metrics, LeakPrices prices) {
        this.aws = aws;
        this.calls = calls;
        this.metrics = metrics;
        this.prices = prices;
    }

    CompletableFuture<List<Leak>> find(String region, Instant now) {
        CompletableFuture<List<NatGateway>> gateways = calls.call("ec2:DescribeNatGateways", region,
                () -> aws.ec2(region).describeNatGatewaysPaginator(r -> r.filter(Filter.builder().name("state")
                        .values("available").build())).natGateways().stream().toList());
        return gateways.thenCompose(list -> {
            List<CompletableFuture<Leak>> each = new ArrayList<>();
            for (NatGateway nat : list) {
                each.add(calls.call("cloudwatch:GetMetricStatistics", region, () -> metrics.daily(region, "AWS/NATGateway",
                        "BytesOutToDestination", "NatGatewayId", nat.natGatewayId(), Statistic.SUM, now))
                        .thenApply(points -> leak(nat, CloudWatchMetrics.total(points).orElse(0), region, now)));
            }
            return AsyncCalls.all(each).thenApply(leaks -> leaks.stream().filter(l -> l != null).toList());
        });
    }

    private Leak leak(NatGateway nat, double bytes, String region, Instant now) {
        if (bytes >= IDLE_BYTES) {
            return null;
        }
        double gb = bytes / 1e9;
        String detail = nat.natGatewayId() + " in " + nat.vpcId() + " sent " + String.format(Locale.ROOT, "%.1f", bytes / 1e6)
                + " MB in " + CloudWatchMetrics.WINDOW.toDays() + " days (idle; billed by the hour)";
        return Leak.of(LeakKind.NAT_GATEWAY, nat.natGatewayId(), Ec2Leaks.tag(nat.tags(), "Name"), region,
                Ec2Leaks.tag(nat.tags(), Ec2Leaks.OWNER_TAG), nat.createTime(), now, detail,
                prices.natMonthly(gb * 30 / CloudWatchMetrics.WINDOW.toDays()), nat.vpcId() + "|" + nat.subnetId() + "|idle");
    }
}
