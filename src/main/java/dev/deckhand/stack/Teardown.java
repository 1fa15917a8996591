package dev.deckhand.stack;

import dev.deckhand.chat.Progress;
import dev.deckhand.command.UserFacingException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Removes a stack in {@link ResourceKind} order: exactly the resources it is given (the plan's ids),
 * never a fresh tag search, so an approved teardown removes what the card showed. A new plan after a
 * failure starts from what AWS has then, so a rerun skips what is gone and finishes the rest;
 * "already gone" answers count as done.
 * Instances are terminated and then polled until AWS reports them terminated, because their Elastic
 * IPs, security groups and volumes cannot go before. Security groups and certificates that AWS
 * still sees in use for a while (network interfaces of a deleted load balancer linger) are retried
 * until {@code timeout}.
 */
public final class Teardown {

    private final StackGateway gateway;
    private final StackCosts costs;
    private final Clock clock;
    private final Pause pause;
    private final Duration pollInterval;
    private final Duration timeout;

    public Teardown(StackGateway gateway, StackCosts costs, Clock clock, Pause pause, Duration pollInterval, Duration timeout) {
        this.gateway = gateway;
        this.costs = costs;
        this.clock = clock;
        this.pause = pause;
        this.pollInterval = pollInterval;
        this.timeout = timeout;
    }

    /** What the stack holds now, in the order a run removes it. */
    public List<StackResource> inventory(String region, String stack) {
        return gateway.inventory(region, stack).stream()
                .sorted(Comparator.comparing(StackResource::kind)).toList();
    }

    public StackCosts costs() {
        return costs;
    }

    /** Removes {@code planned} (by id, in kind order) and says how far it got. */
    public TeardownResult run(String region, List<StackResource> planned, Progress progress) {
        List<StackResource> plan = planned.stream().sorted(Comparator.comparing(StackResource::kind)).toList();
        List<StackResource> removed = new ArrayList<>();
        for (ResourceKind kind : ResourceKind.values()) {
            List<StackResource> ofKind = plan.stream().filter(r -> r.kind() == kind).toList();
            ofKind.forEach(r -> progress.report("Removing " + r.describe() + "…"));
            Optional<TeardownResult> failure = removeAll(region, kind, ofKind, removed, plan);
            if (failure.isPresent()) {
                return failure.get();
            }
            if (kind == ResourceKind.INSTANCE && !ofKind.isEmpty()) {
                List<String> ids = ofKind.stream().map(StackResource::id).toList();
                progress.report("Waiting for " + ids.size() + " instance(s) to terminate…");
                try {
                    awaitTerminated(region, ids);
                } catch (UserFacingException e) {
                    // The instances are on their way out but not gone; a rerun waits for them again.
                    removed.removeAll(ofKind);
                    return stopped(region, removed, plan, "waiting for instances to terminate", e.getMessage());
                }
            }
        }
        return new TeardownResult.Completed(removed);
    }

    /**
     * Removes all resources of one kind in rounds: what AWS still sees in use is tried again in the next
     * round (at once when the round removed something, since one group may only have been held by
     * another; after a pause otherwise) until the timeout.
     */
    private Optional<TeardownResult> removeAll(String region, ResourceKind kind, List<StackResource> ofKind,
                                               List<StackResource> removed, List<StackResource> plan) {
        Instant deadline = clock.instant().plus(timeout);
        List<StackResource> pending = ofKind;
        while (!pending.isEmpty()) {
            List<StackResource> inUse = new ArrayList<>();
            for (StackResource resource : pending) {
                StackGateway.Removal result;
                try {
                    result = gateway.remove(region, resource);
                } catch (UserFacingException e) {
                    return Optional.of(stopped(region, removed, plan, "removing " + resource.describe(), e.getMessage()));
                }
                if (result == StackGateway.Removal.IN_USE) {
                    inUse.add(resource);
                } else {
                    removed.add(resource);
                }
            }
            if (!inUse.isEmpty()) {
                if (!kind.mayLingerInUse() || !clock.instant().isBefore(deadline)) {
                    StackResource first = inUse.get(0);
                    return Optional.of(stopped(region, removed, plan, "removing " + first.describe(), "AWS still sees "
                            + first.describe() + " in use" + (kind.mayLingerInUse() ? " after " + minutes(timeout) : "")
                            + ". Something outside the stack may use it; check it in the AWS console."));
                }
                if (inUse.size() == pending.size()) {
                    pause.pause(pollInterval);
                }
            }
            pending = inUse;
        }
        return Optional.empty();
    }

    private void awaitTerminated(String region, List<String> ids) {
        new Poll(clock, pause, pollInterval, timeout).until(() -> gateway.stillAlive(region, ids), List::isEmpty,
                alive -> new UserFacingException(String.join(", ", alive) + " did not reach 'terminated' within "
                        + minutes(timeout) + "."));
    }

    private TeardownResult stopped(String region, List<StackResource> removed, List<StackResource> plan, String step,
                                   String reason) {
        List<StackResource> remaining = plan.stream().filter(r -> !removed.contains(r)).toList();
        return new TeardownResult.Stopped(removed, step, reason, remaining);
    }

    private static String minutes(Duration d) {
        long m = d.toMinutes();
        return m >= 1 ? m + " minute" + (m == 1 ? "" : "s") : d.toSeconds() + " seconds";
    }
}
