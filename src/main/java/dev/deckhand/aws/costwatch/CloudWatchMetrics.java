package dev.deckhand.aws.costwatch;

import dev.deckhand.aws.AwsClients;
import dev.deckhand.aws.AwsErrors;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;

/** One metric of one resource over a window, from GetMetricStatistics with one datapoint per day. */
final class CloudWatchMetrics {

    /** How far back idleness is judged. */
    static final Duration WINDOW = Duration.ofDays(7);

    private final AwsClients aws;

    CloudWatchMetrics(AwsClients aws) {
        this.aws = aws;
    }

    /** The daily datapoints of {@code statistic}; empty when CloudWatch has none. */
    List<Double> daily(String region, String namespace, String metric, String dimension, String value, Statistic statistic,
                       Instant now) {
        List<Datapoint> points = AwsErrors.call("cloudwatch:GetMetricStatistics", region, () -> aws.cloudWatch(region)
                .getMetricStatistics(r -> r.namespace(namespace).metricName(metric)
                        .dimensions(d -> d.name(dimension).value(value))
                        .startTime(now.minus(WINDOW)).endTime(now).period((int) Duration.ofDays(1).toSeconds())
                        .statistics(statistic)).datapoints());
        return points.stream().map(p -> statistic == Statistic.SUM ? p.sum() : p.maximum()).toList();
    }

    static OptionalDouble total(List<Double> values) {
        return values.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(values.stream().mapToDouble(Double::doubleValue).sum());
    }
}
