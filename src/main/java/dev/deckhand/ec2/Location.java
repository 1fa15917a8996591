package dev.deckhand.ec2;

import java.util.List;

/** Where a name or id was found, starting from the channel's region. */
public sealed interface Location {

    /** Exactly one match in the asked region. */
    record Found(InstanceSummary instance) implements Location { }

    /** Several instances carry that name in the asked region. */
    record Ambiguous(String region, List<InstanceSummary> matches) implements Location { }

    /** Not in the asked region, but in these others. */
    record Elsewhere(String region, List<String> regions) implements Location { }

    /** Nowhere Deckhand looked. */
    record Missing(String region, int otherRegionsChecked) implements Location { }
}
