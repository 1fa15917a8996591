package dev.deckhand.command;

import dev.deckhand.chat.CommandRequest;
import dev.deckhand.chat.Progress;
import dev.deckhand.plan.Plan;
import dev.deckhand.plan.PlanContext;

/**
 * What a handler gets: who asked, where, the parsed arguments, the region that applies (the
 * {@code --region} flag, else the channel's default), where to report progress, the resources
 * it changed (for the audit log), and the id of the plan it makes (one per delivery or approval).
 */
public record CommandContext(CommandRequest request, CommandSpec spec, Arguments args, String region,
                             Progress progress, Touched touched, String planId) {

    /** A context for a read, or for a test: its plan id is new. */
    public CommandContext(CommandRequest request, CommandSpec spec, Arguments args, String region, Progress progress,
                          Touched touched) {
        this(request, spec, args, region, progress, touched, PlanIds.next());
    }

    /** What a plan made in this context is for. */
    public PlanContext planContext() {
        return new PlanContext(planId, spec.name(), request.userId(), region);
    }

    /** Starts a plan for this context. */
    public Plan.Builder newPlan() {
        return Plan.builder(planContext());
    }

    /** A plan with nothing to do, with the reason. */
    public Plan nothingToDo(String why) {
        return Plan.nothingToDo(planContext(), why);
    }

    /** Whether the user asked only to see the plan. */
    public boolean dryRun() {
        return args.has("dry-run");
    }

    /** Notes a resource this command changed, for the audit log. */
    public void touched(String resourceId) {
        touched.add(resourceId);
    }

    public String user() {
        return request.userId();
    }

    public String channel() {
        return request.channelId();
    }
}
