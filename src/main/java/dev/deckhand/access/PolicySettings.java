package dev.deckhand.access;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Set;

/**
 * The configured thresholds {@link PlanPolicy} applies.
 *
 * @param alwaysApprove    commands that need approval whatever they do ({@code approvals.actions})
 * @param monthlyCostLimit a plan adding more than this (USD per month) needs approval
 * @param worldOpenPorts   ports whose exposure beyond the limits below needs approval
 * @param ipv4ExposurePrefix a listed port admitting more public IPv4 addresses than a /this holds is exposed
 * @param ipv6ExposurePrefix the same for public IPv6
 */
public record PolicySettings(Set<String> alwaysApprove, BigDecimal monthlyCostLimit, Set<Integer> worldOpenPorts,
                             int ipv4ExposurePrefix, int ipv6ExposurePrefix) {

    public static final int DEFAULT_IPV4_PREFIX = 16;
    public static final int DEFAULT_IPV6_PREFIX = 48;

    public PolicySettings {
        alwaysApprove = Set.copyOf(alwaysApprove);
        Objects.requireNonNull(monthlyCostLimit, "monthlyCostLimit");
        worldOpenPorts = Set.copyOf(worldOpenPorts);
        if (ipv4ExposurePrefix < 0 || ipv4ExposurePrefix > 32 || ipv6ExposurePrefix < 0 || ipv6ExposurePrefix > 128) {
            throw new IllegalArgumentException("exposure prefixes must be 0-32 (IPv4) and 0-128 (IPv6)");
        }
    }
}
