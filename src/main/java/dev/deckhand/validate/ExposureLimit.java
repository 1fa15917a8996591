package dev.deckhand.validate;

import java.math.BigInteger;

/**
 * How much of the public internet a rule may admit before it counts as open to the world: at most
 * as many public addresses as one IPv4 {@code /ipv4Prefix} and as one IPv6 {@code /ipv6Prefix}.
 * {@link #DEFAULT} is a /16 (65,536 IPv4 addresses) and a /48 (2^80 IPv6 addresses): a company's
 * or a campus's range passes, a covering of the internet in many pieces does not.
 *
 * @param ipv4Prefix 0-32; 0 never exceeds
 * @param ipv6Prefix 0-128; 0 never exceeds
 * @see AddressSet#exceeds(ExposureLimit)
 */
public record ExposureLimit(int ipv4Prefix, int ipv6Prefix) {

    /** A /16 of IPv4, a /48 of IPv6. */
    public static final ExposureLimit DEFAULT = new ExposureLimit(16, 48);

    public ExposureLimit {
        if (ipv4Prefix < 0 || ipv4Prefix > 32 || ipv6Prefix < 0 || ipv6Prefix > 128) {
            throw new IllegalArgumentException("Exposure limit /" + ipv4Prefix + " and /" + ipv6Prefix
                    + ": the prefixes must be 0-32 and 0-128");
        }
    }

    /** The most public IPv4 addresses allowed: 2^(32 - ipv4Prefix). */
    public BigInteger maxPublicIpv4() {
        return BigInteger.ONE.shiftLeft(32 - ipv4Prefix);
    }

    /** The most public IPv6 addresses allowed: 2^(128 - ipv6Prefix). */
    public BigInteger maxPublicIpv6() {
        return BigInteger.ONE.shiftLeft(128 - ipv6Prefix);
    }
}
