package dev.deckhand.network;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Where else a name is when it is not in the channel's region: the other watched regions, asked in
 * parallel. The classic "my instance vanished" is a wrong region, whichever command named it, so a miss
 * says where the thing is instead of only that it is not here.
 */
public final class OtherRegions {

    /** Asks each region whether it holds the thing; answers those that said yes (a region that fails counts as no). */
    @FunctionalInterface
    public interface Search {

        List<String> holding(List<String> regions, Predicate<String> holds);
    }

    /** Looks nowhere else: the plain "not in this region" message. */
    public static final OtherRegions NONE = new OtherRegions(List::of, (regions, holds) -> List.of());

    private final Supplier<List<String>> watched;
    private final Search search;

    /**
     * @param watched the regions Deckhand may look in (only these: a typed name never reaches another)
     * @param search  how several regions are asked at once
     */
    public OtherRegions(Supplier<List<String>> watched, Search search) {
        this.watched = watched;
        this.search = search;
    }

    /** The watched regions other than {@code region} that hold it, in the watched order. */
    public List<String> holding(String region, Predicate<String> holds) {
        List<String> others;
        try {
            others = watched.get().stream().filter(r -> !r.equals(region)).toList();
        } catch (RuntimeException e) {
            // Only a hint: without the region list the plain miss message still stands.
            return List.of();
        }
        return others.isEmpty() ? List.of() : search.holding(others, holds);
    }

    /**
     * "web-1 is not in us-east-1; it is in eu-west-1. Use --region eu-west-1 or `region eu-west-1`.", the
     * same words as {@code ec2 show}, when another watched region holds {@code name}.
     */
    public Optional<String> hint(String name, String region, Predicate<String> holds) {
        List<String> there = holding(region, holds);
        if (there.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(name + " is not in " + region + "; it is in " + String.join(" and ", there)
                + ". Use --region " + there.get(0) + " or `region " + there.get(0) + "`.");
    }
}
