package dev.deckhand.stack;

import dev.deckhand.access.Role;
import dev.deckhand.chat.Reply;
import dev.deckhand.command.Change;
import dev.deckhand.command.CommandContext;
import dev.deckhand.command.CommandSpec;
import dev.deckhand.command.PartlyApplied;
import dev.deckhand.plan.Cost;
import dev.deckhand.plan.Effect;
import dev.deckhand.plan.Plan;
import dev.deckhand.validate.Inputs;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code teardown <stack> [--dry-run]}: plans one deletion per resource of the stack (found by tag,
 * named by id, in dependency order, with the monthly saving), and applies exactly those ids.
 */
public final class TeardownCommands implements Change {

    private final Teardown teardown;

    public TeardownCommands(Teardown teardown) {
        this.teardown = teardown;
    }

    public List<CommandSpec> commands() {
        return List.of(CommandSpec.command("teardown").usage("teardown <stack> [--dry-run]")
                .description("Removes everything tagged with the stack, in dependency order (needs approval)")
                .example("teardown shop --dry-run").role(Role.DEPLOYER).args(1, 1).flags("region")
                .changes(this));
    }

    @Override
    public Plan plan(CommandContext context) {
        String stack = Inputs.stack(context.args().positional(0));
        String region = context.region();
        List<StackResource> found = teardown.inventory(region, stack);
        if (found.isEmpty()) {
            return context.newPlan().note("Nothing left in stack " + stack + ".")
                    .note("Nothing is tagged deckhand:stack=" + stack + " in " + region + "; another region? Add --region.")
                    .build();
        }
        Plan.Builder plan = context.newPlan().detail("Stack", stack);
        for (StackResource r : found) {
            plan.effect(new Effect.Delete(r.target(region), teardown.costs().cost(region, r.billing()).negate()));
        }
        return plan.note("Instances are terminated and awaited before their addresses, groups and volumes go.").build();
    }

    @Override
    public Reply apply(CommandContext context, Plan plan) {
        String stack = plan.details().get("Stack");
        String region = plan.region();
        List<StackResource> planned = plan.effects().stream().map(e -> StackResource.of(e.target())).toList();
        TeardownResult result = teardown.run(region, planned, context.progress());
        result.removed().forEach(r -> context.touched(r.id()));
        String saved = saving(plan, result.removed());
        if (result instanceof TeardownResult.Stopped stopped) {
            Reply.Builder reply = Reply.builder().inChannel().header("Teardown of " + stack + " stopped")
                    .line("Failed while " + stopped.failedStep() + ": " + stopped.reason());
            if (!stopped.removed().isEmpty()) {
                reply.line("Removed: " + String.join("; ", stopped.removed().stream().map(StackResource::describe).toList())
                        + " (saves " + saved + ").");
            }
            reply.line("Still there:");
            numbered(reply, stopped.remaining());
            String resume = "Run `teardown " + stack + "` again to finish; what is already gone is skipped.";
            // Not a success: the router audits it, and an approval ends, as PARTIAL with what is left.
            throw new PartlyApplied(reply.line(resume).build(), "removed " + stopped.removed().size() + " of "
                    + planned.size() + "; " + stopped.remaining().size() + " still there ("
                    + String.join(", ", stopped.remaining().stream().map(StackResource::id).toList())
                    + ") after a failure while " + stopped.failedStep() + ". " + resume);
        }
        int count = result.removed().size();
        Reply.Builder reply = Reply.builder().inChannel().header("Tore down " + stack + " in " + region)
                .line("Removed " + count + " resource" + (count == 1 ? "" : "s") + ", saving about " + saved + ":");
        numbered(reply, result.removed());
        return reply.build();
    }

    /** What removing {@code removed} saves a month, from the plan's own estimate. */
    private static String saving(Plan plan, List<StackResource> removed) {
        Set<String> ids = removed.stream().map(StackResource::id).collect(Collectors.toSet());
        Cost saved = Cost.ZERO;
        for (Effect e : plan.effects()) {
            if (ids.contains(e.target().id())) {
                saved = saved.plus(e.monthlyChange().negate());
            }
        }
        return saved instanceof Cost.Known k ? "$" + k.usdPerMonth().toPlainString() + "/month" : saved.toString();
    }

    private static void numbered(Reply.Builder reply, List<StackResource> resources) {
        for (int i = 0; i < resources.size(); i++) {
            reply.line((i + 1) + ". " + resources.get(i).describe());
        }
    }
}
