package dev.deckhand.stack;

/**
 * One resource of a stack, as found by its {@code deckhand:stack} tag (or, for DNS records, by
 * pointing at the stack's addresses or load balancer).
 *
 * @param id      what the gateway needs to remove it (opaque to the product side)
 * @param label   what people read, e.g. {@code web-1 (i-0abc, t3.micro, running)}
 */
public record StackResource(ResourceKind kind, String id, String label, Billing billing) {

    /** {@code instance web-1 (i-0abc)}. */
    public String describe() {
        return kind.noun() + " " + label;
    }
}
