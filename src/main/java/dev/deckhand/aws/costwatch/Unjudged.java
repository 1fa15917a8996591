package dev.deckhand.aws.costwatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The resources of one region's scan that CloudWatch could not judge, and why (the first reason: one call
 * asks for all of them), worded as the region's gap: they are neither findings nor counted as fine.
 */
final class Unjudged {

    private final List<String> names = new ArrayList<>();
    private String why = "";

    void add(String name, String reason) {
        if (names.isEmpty()) {
            why = reason;
        }
        names.add(name);
    }

    /**
     * E.g. "requests of 2 load balancers without a healthy target unknown (web, api; AWS refused ...); they
     * are not counted as waste"; nothing when every resource was judged.
     *
     * @param measure   what is unknown ("idleness", "requests")
     * @param noun      the resource, singular ("running instance")
     * @param qualifier words after the noun (" without a healthy target"), or ""
     * @param withNames whether the resources are named
     */
    Optional<String> gap(String measure, String noun, String qualifier, boolean withNames) {
        if (names.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(measure + " of " + names.size() + " " + noun + (names.size() == 1 ? "" : "s") + qualifier
                + " unknown (" + (withNames ? String.join(", ", names) + "; " : "") + why
                + "); they are not counted as waste");
    }
}
