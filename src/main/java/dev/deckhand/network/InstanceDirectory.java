package dev.deckhand.network;

import java.util.Optional;

/** Finds an instance by id ({@code i-...}) or by its {@code Name} tag, ignoring terminated ones. */
public interface InstanceDirectory {

    Optional<InstanceRef> find(String region, String idOrName);

    /** The live instance whose public IPv4 address is {@code ip}, if any (what a DNS record's owner is read from). */
    Optional<InstanceRef> findByPublicIp(String region, String ip);

    /** Like {@link #find}, but a miss is a message naming the region and the right form. */
    default InstanceRef require(String region, String idOrName) {
        return find(region, idOrName).orElseThrow(() -> new dev.deckhand.command.UserFacingException(
                missing(region, idOrName)));
    }

    /** The words for an instance that is not in {@code region}. */
    static String missing(String region, String idOrName) {
        return "No instance '" + idOrName + "' in " + region + ". Give its id (i-0abc123...) or its Name tag, "
                + "or add --region if it lives elsewhere.";
    }
}
