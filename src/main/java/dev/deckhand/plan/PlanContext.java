package dev.deckhand.plan;

/**
 * What a plan is made for: its id, the command's name, who asked, and the region.
 *
 * @param planId one per delivery or approval (idempotency tokens derive from it)
 */
public record PlanContext(String planId, String command, String requester, String region) { }
