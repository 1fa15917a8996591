package dev.deckhand.aws.costwatch;

import dev.deckhand.aws.AwsClients;
import dev.deckhand.command.UserFacingException;
import dev.deckhand.costwatch.IdleRules;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Asks CloudWatch how busy a region's running instances and unhealthy load balancers were over the
 * idle window: one GetMetricData per region for all instances (CPUUtilization average, NetworkIn and
 * NetworkOut sums, each as a single data point covering the whole window), and one for the load
 * balancers (RequestCount for ALBs, ActiveFlowCount for NLBs). GetMetricData takes up to
 * {@value #MAX_QUERIES} queries per request, so only more than 166 instances in a region cost a second
 * call. A refused or failed call makes every resource {@link Activity.Unknown} with the reason, never
 * "idle" or "busy".
 */
final class IdleMetrics {

    static final int MAX_QUERIES = 500;

    private final AwsClients aws;
    private final AsyncCalls calls;
    private final IdleRules rules;

    IdleMetrics(AwsClients aws, AsyncCalls calls, IdleRules rules) {
        this.aws = aws;
        this.calls = calls;
        this.rules = rules;
    }

    IdleRules rules() {
        return rules;
    }

    /** Activity by instance id; no call when there are none. */
    CompletableFuture<Map<String, Activity>> instances(String region, List<String> instanceIds, Instant now) {
        List<MetricDataQuery> queries = new ArrayList<>();
        for (int i = 0; i < instanceIds.size(); i++) {
            String id = instanceIds.get(i);
            queries.add(query("cpu" + i, "AWS/EC2", "CPUUtilization", "InstanceId", id, "Average"));
            queries.add(query("in" + i, "AWS/EC2", "NetworkIn", "InstanceId", id, "Sum"));
            queries.add(query("out" + i, "AWS/EC2", "NetworkOut", "InstanceId", id, "Sum"));
        }
        return fetch(region, queries, now).handle((answer, failure) -> {
            Map<String, Activity> out = new HashMap<>();
            for (int i = 0; i < instanceIds.size(); i++) {
                Optional<String> unanswered = failure != null ? Optional.of(reason(failure))
                        : answer.unanswered("cpu" + i, "in" + i, "out" + i);
                if (unanswered.isPresent()) {
                    out.put(instanceIds.get(i), new Activity.Unknown(unanswered.get()));
                    continue;
                }
                Double cpu = answer.values().get("cpu" + i);
                Double in = answer.values().get("in" + i);
                Double outBytes = answer.values().get("out" + i);
                if (cpu == null && in == null && outBytes == null) {
                    out.put(instanceIds.get(i), new Activity.NoData());
                } else {
                    double mb = ((in == null ? 0 : in) + (outBytes == null ? 0 : outBytes)) / 1_000_000.0;
                    out.put(instanceIds.get(i), new Activity.Measured(cpu == null ? 0 : cpu, mb / rules.windowDays(), 0));
                }
            }
            return out;
        });
    }

    /**
     * Requests (ALB) or flows (NLB) over the window by load balancer ARN; missing data counts as none,
     * as AWS's own idle checks do.
     */
    CompletableFuture<Map<String, Activity>> loadBalancers(String region, Map<String, String> typeByArn, Instant now) {
        List<String> arns = typeByArn.keySet().stream().sorted().toList(); // query ids follow this order
        List<MetricDataQuery> queries = new ArrayList<>();
        for (int i = 0; i < arns.size(); i++) {
            String arn = arns.get(i);
            boolean alb = "application".equals(typeByArn.get(arn));
            queries.add(query("lb" + i, alb ? "AWS/ApplicationELB" : "AWS/NetworkELB",
                    alb ? "RequestCount" : "ActiveFlowCount", "LoadBalancer", dimension(arn), "Sum"));
        }
        return requests(region, arns, "lb", queries, now);
    }

    /** Requests over the window by Classic load balancer name (AWS/ELB RequestCount); missing data counts as none. */
    CompletableFuture<Map<String, Activity>> classicLoadBalancers(String region, List<String> names, Instant now) {
        List<MetricDataQuery> queries = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            queries.add(query("clb" + i, "AWS/ELB", "RequestCount", "LoadBalancerName", names.get(i), "Sum"));
        }
        return requests(region, names, "clb", queries, now);
    }

    /** The summed value of query {@code prefix + i} for {@code keys[i]}; a failed call makes every key unknown. */
    private CompletableFuture<Map<String, Activity>> requests(String region, List<String> keys, String prefix,
                                                              List<MetricDataQuery> queries, Instant now) {
        return fetch(region, queries, now).handle((answer, failure) -> {
            Map<String, Activity> out = new HashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                Optional<String> unanswered = failure != null ? Optional.of(reason(failure)) : answer.unanswered(prefix + i);
                Double requests = failure == null ? answer.values().get(prefix + i) : null;
                out.put(keys.get(i), unanswered.isPresent() ? new Activity.Unknown(unanswered.get())
                        : new Activity.Measured(0, 0, requests == null ? 0 : requests));
            }
            return out;
        });
    }

    /** CloudWatch's LoadBalancer dimension: the ARN's part after "loadbalancer/", e.g. app/web/50dc6c495c0c9188. */
    static String dimension(String arn) {
        int at = arn.indexOf("loadbalancer/");
        return at < 0 ? arn : arn.substring(at + "loadbalancer/".length());
    }

    /**
     * CloudWatch's answer: a value per query id that has data points, and the ids whose last page did not end
     * {@code Complete} (Forbidden, InternalError): no value there means "not answered", not "no activity".
     */
    record Answer(Map<String, Double> values, Map<String, String> incomplete) {

        /** Why one of these ids was not answered, if one was not. */
        Optional<String> unanswered(String... ids) {
            for (String id : ids) {
                String status = incomplete.get(id);
                if (status != null) {
                    return Optional.of("CloudWatch answered " + status + " for its metrics");
                }
            }
            return Optional.empty();
        }
    }

    private CompletableFuture<Answer> fetch(String region, List<MetricDataQuery> queries, Instant now) {
        if (queries.isEmpty()) {
            return CompletableFuture.completedFuture(new Answer(Map.of(), Map.of()));
        }
        List<CompletableFuture<Answer>> parts = new ArrayList<>();
        for (int i = 0; i < queries.size(); i += MAX_QUERIES) {
            List<MetricDataQuery> batch = queries.subList(i, Math.min(queries.size(), i + MAX_QUERIES));
            parts.add(calls.call("cloudwatch:GetMetricData", region, () -> {
                Map<String, Double> values = new HashMap<>();
                Map<String, String> status = new HashMap<>(); // each id's latest page's status
                aws.cloudWatch(region).getMetricDataPaginator(r -> r.startTime(now.minus(rules.window())).endTime(now)
                                .metricDataQueries(batch)).metricDataResults()
                        .forEach(result -> {
                            total(result).ifPresent(v -> values.merge(result.id(), v, Double::sum));
                            status.put(result.id(), result.statusCodeAsString());
                        });
                Map<String, String> incomplete = new HashMap<>();
                // The paginator follows PartialData to its last page, which says Complete; anything else (an
                // error, a status this code does not know, none) is not an answer. Fail closed.
                status.forEach((id, code) -> {
                    if (!"Complete".equals(code)) {
                        incomplete.put(id, code == null ? "no status" : code);
                    }
                });
                return new Answer(values, incomplete);
            }));
        }
        return AsyncCalls.all(parts).thenApply(answers -> {
            Map<String, Double> values = new HashMap<>();
            Map<String, String> incomplete = new HashMap<>();
            answers.forEach(a -> {
                values.putAll(a.values());
                incomplete.putAll(a.incomplete());
            });
            return new Answer(values, incomplete);
        });
    }

    /** One period spans the window, so there is at most one value; a few are summed (averages: the first). */
    private static Optional<Double> total(MetricDataResult result) {
        if (result.values().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(result.id().startsWith("cpu") ? result.values().get(0)
                : result.values().stream().mapToDouble(Double::doubleValue).sum());
    }

    private MetricDataQuery query(String id, String namespace, String metric, String dimension, String value, String stat) {
        return MetricDataQuery.builder().id(id).returnData(true)
                .metricStat(s -> s.stat(stat).period((int) rules.window().toSeconds())
                        .metric(m -> m.namespace(namespace).metricName(metric)
                                .dimensions(Dimension.builder().name(dimension).value(value).build())))
                .build();
    }

    private static String reason(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof UserFacingException ? cause.getMessage()
                : "CloudWatch could not be asked (" + cause.getClass().getSimpleName() + ")";
    }
}
