package dev.deckhand.costwatch;

/**
 * Removes one leaking resource (terminate, release, delete). Implemented over the AWS SDK; failures
 * surface as {@code UserFacingException}s that say what to do.
 */
public interface LeakCleaner {

    /**
     * Checks that {@code id} has the form of a {@code noun}'s id, asking AWS nothing, so a mistyped
     * command is answered at once. By default any form passes: the finding check is the guard, this
     * only answers sooner.
     *
     * @throws dev.deckhand.validate.UsageException naming the expected form, with an example
     */
    default void checkId(String noun, String id) {
    }

    /**
     * @param noun   instance, eip, volume, lb or clb
     * @param id     the resource id (a load balancer's ARN, a Classic load balancer's name)
     * @param region where it is
     * @return what was done, e.g. "Released Elastic IP eipalloc-0abc"
     */
    String cleanUp(String noun, String id, String region);
}
