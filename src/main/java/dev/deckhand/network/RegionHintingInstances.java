package dev.deckhand.network;

import dev.deckhand.command.UserFacingException;

import java.util.Optional;

/**
 * An {@link InstanceDirectory} whose miss says which other watched region holds the instance: what
 * {@code ec2 show} says, for every command that names an instance ({@code deploy}, {@code eip allocate
 * --for}, {@code elb create --instance}, {@code dns point}, ...).
 */
public final class RegionHintingInstances implements InstanceDirectory {

    private final InstanceDirectory delegate;
    private final OtherRegions otherRegions;

    public RegionHintingInstances(InstanceDirectory delegate, OtherRegions otherRegions) {
        this.delegate = delegate;
        this.otherRegions = otherRegions;
    }

    @Override
    public Optional<InstanceRef> find(String region, String idOrName) {
        return delegate.find(region, idOrName);
    }

    @Override
    public Optional<InstanceRef> findByPublicIp(String region, String ip) {
        return delegate.findByPublicIp(region, ip);
    }

    @Override
    public InstanceRef require(String region, String idOrName) {
        return find(region, idOrName).orElseThrow(() -> new UserFacingException(otherRegions
                .hint(idOrName, region, r -> delegate.find(r, idOrName).isPresent())
                .orElseGet(() -> InstanceDirectory.missing(region, idOrName))));
    }
}
