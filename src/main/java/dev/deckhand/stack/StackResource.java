package dev.deckhand.stack;

import dev.deckhand.plan.Owner;
import dev.deckhand.plan.Target;

/**
 * One resource of a stack, as found by its {@code deckhand:stack} tag (or, for DNS records, by
 * pointing at the stack's addresses or load balancer).
 *
 * @param id          what the gateway needs to remove it (opaque to the product side)
 * @param label       what people read, e.g. {@code web-1 (i-0abc, t3.micro, running)}
 * @param owner       its {@code deckhand:owner} (a DNS record's is that of what it points at)
 * @param stack       its {@code deckhand:stack}
 * @param fingerprint the state that matters for an approval, e.g. an instance's launch time and state
 */
public record StackResource(ResourceKind kind, String id, String label, Billing billing, Owner owner, String stack,
                            String fingerprint) {

    /** A resource Deckhand just made or is about to remove by id (rollback, elb delete): owner not read. */
    public StackResource(ResourceKind kind, String id, String label, Billing billing) {
        this(kind, id, label, billing, new Owner.Unreadable("not read"), "", "");
    }

    /** The resource a plan names, to remove it by id (its billing is in the plan's effect, not here). */
    public static StackResource of(Target target) {
        return new StackResource(ResourceKind.of(target.kind()), target.id(), target.label(), Billing.NONE, target.owner(),
                target.stack(), target.fingerprint());
    }

    /** {@code instance web-1 (i-0abc)}. */
    public String describe() {
        return kind.noun() + " " + label;
    }

    /** As a plan names it. */
    public Target target(String region) {
        return new Target(kind.planKind(), id, kind == ResourceKind.DNS_RECORD ? Target.GLOBAL : region, owner, stack, label,
                fingerprint);
    }
}
