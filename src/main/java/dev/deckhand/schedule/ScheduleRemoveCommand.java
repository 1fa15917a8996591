package dev.deckhand.schedule;

import dev.deckhand.chat.Reply;
import dev.deckhand.command.Change;
import dev.deckhand.command.CommandContext;
import dev.deckhand.plan.Cost;
import dev.deckhand.plan.Effect;
import dev.deckhand.plan.Kind;
import dev.deckhand.plan.Owner;
import dev.deckhand.plan.Plan;
import dev.deckhand.plan.Target;

import java.util.List;
import java.util.Optional;

/**
 * {@code schedule remove <instance|stack>}: Deckhand no longer stops or starts it; the instance is
 * left in the state it is in, and its {@code deckhand:schedule} tag is removed.
 */
final class ScheduleRemoveCommand implements Change {

    private final InstanceControl control;
    private final ScheduleStore store;

    ScheduleRemoveCommand(InstanceControl control, ScheduleStore store) {
        this.control = control;
        this.store = store;
    }

    @Override
    public Plan plan(CommandContext ctx) {
        String name = ctx.args().positional(0);
        List<Schedule> matching = store.all().stream().filter(s -> s.region().equals(ctx.region()))
                .filter(s -> s.instanceId().equals(name) || s.name().equals(name) || s.target().equals(name)).toList();
        if (matching.isEmpty()) {
            return ctx.nothingToDo(name + " has no schedule in " + ctx.region() + ". `schedule list` shows them all.");
        }
        Plan.Builder plan = ctx.newPlan();
        for (Schedule s : matching) {
            Optional<ScheduledInstance> instance = control.byId(s.region(), s.instanceId());
            Target target = instance.filter(i -> !i.gone()).map(Targets::of)
                    .orElseGet(() -> new Target(Kind.INSTANCE, s.instanceId(), s.region(),
                            new Owner.Unreadable("the instance no longer exists"), "", s.label(), "gone"));
            plan.effect(new Effect.Schedule(target, "remove the off-hours schedule (" + s.window().describe() + ")",
                    Cost.ZERO, true));
        }
        return plan.note("Deckhand no longer stops or starts " + (matching.size() == 1 ? "it" : "them")
                + "; each stays as it is now, billed by the hour while running.").build();
    }

    @Override
    public Reply apply(CommandContext ctx, Plan plan) {
        List<Target> targets = plan.effects().stream().map(Effect::target).toList();
        List<String> live = targets.stream().filter(t -> !t.fingerprint().equals("gone")).map(Target::id).toList();
        if (!live.isEmpty()) {
            control.untagSchedule(targets.get(0).region(), live);
        }
        targets.forEach(t -> {
            store.remove(t.id());
            ctx.touched(t.id());
        });
        return Reply.builder().inChannel().header("Schedule removed")
                .body(ctx.user() + " removed the off-hours schedule of "
                        + String.join(", ", targets.stream().map(Target::label).toList()) + ".")
                .line(plan.notes().get(0)).build();
    }
}
