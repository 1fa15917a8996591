package dev.deckhand.command;

import dev.deckhand.chat.Reply;
import dev.deckhand.plan.Cost;
import dev.deckhand.plan.Effect;
import dev.deckhand.plan.Kind;
import dev.deckhand.plan.Owner;
import dev.deckhand.plan.Plan;
import dev.deckhand.plan.Target;

/**
 * TRANSITIONAL: a change whose handler does not plan yet. Its plan is opaque (owner and cost
 * unknown), so the policy holds it for approval for everyone: fail closed until it is converted.
 */
public final class Unplanned implements Change {

    private final Handler handler;

    private Unplanned(Handler handler) {
        this.handler = handler;
    }

    public static Change of(Handler handler) {
        return new Unplanned(handler);
    }

    @Override
    public Plan plan(CommandContext context) {
        String what = context.spec().name() + " " + String.join(" ", context.args().positionals());
        Target opaque = new Target(Kind.STACK, "unplanned:" + what.strip(), context.region(),
                new Owner.Unreadable("this command does not plan its changes yet"), "", what.strip(), "");
        return context.newPlan().effect(new Effect.Create(opaque,
                Cost.unknown("`" + context.spec().name() + "` does not estimate its cost yet"))).build();
    }

    @Override
    public Reply apply(CommandContext context, Plan plan) {
        return handler.handle(context);
    }
}
