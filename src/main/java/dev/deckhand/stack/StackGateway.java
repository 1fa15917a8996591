package dev.deckhand.stack;

import java.util.List;

/** The AWS side of teardown: find a stack's resources and remove them one by one. */
public interface StackGateway {

    /** What removing one resource came to. */
    enum Removal {
        REMOVED,
        /** It was not there any more: fine, teardown is idempotent. */
        ALREADY_GONE,
        /** AWS still sees it in use (DependencyViolation, ResourceInUse); trying again later may succeed. */
        IN_USE
    }

    /**
     * Everything tagged {@code deckhand:stack=<stack>} in the region, plus DNS records leading to it,
     * including volumes an instance will leave behind (attached with DeleteOnTermination=false).
     */
    List<StackResource> inventory(String region, String stack);

    /** Removes one resource; an instance is only asked to terminate (see {@link #stillAlive}). */
    Removal remove(String region, StackResource resource);

    /** Of these instance ids, those not yet terminated. */
    List<String> stillAlive(String region, List<String> instanceIds);
}
