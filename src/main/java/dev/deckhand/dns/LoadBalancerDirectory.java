package dev.deckhand.dns;

import java.util.Optional;

/** Finds a load balancer by name. */
public interface LoadBalancerDirectory {

    Optional<LoadBalancerRef> find(String region, String name);
}
