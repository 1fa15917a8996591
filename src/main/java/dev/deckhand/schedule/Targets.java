package dev.deckhand.schedule;

import dev.deckhand.command.UserFacingException;
import dev.deckhand.plan.Kind;
import dev.deckhand.plan.Owner;
import dev.deckhand.plan.Target;

import java.util.List;

/** Instances a schedule command names, as plan targets. */
final class Targets {

    private Targets() {
    }

    static List<ScheduledInstance> require(InstanceControl control, String region, String name) {
        List<ScheduledInstance> found = control.find(region, name);
        if (found.isEmpty()) {
            throw new UserFacingException("No instance or stack named " + name + " in " + region + ". `ec2 list` shows "
                    + "the instances; a stack is every instance tagged deckhand:stack=" + name + ". Use --region for another region.");
        }
        return found;
    }

    /** The instance by id, pinned on its type and its current schedule tag (what the saving was computed from). */
    static Target of(ScheduledInstance i) {
        return new Target(Kind.INSTANCE, i.id(), i.region(), Owner.of(i.owner()), i.stack(), i.label(),
                i.type() + " schedule " + (i.schedule().isEmpty() ? "none" : i.schedule()));
    }
}
