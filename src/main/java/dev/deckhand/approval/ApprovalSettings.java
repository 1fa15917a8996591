package dev.deckhand.approval;

import dev.deckhand.access.PolicySettings;
import dev.deckhand.access.Role;
import dev.deckhand.app.config.ApprovalsConfig;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The approval policy as configured ({@code approvals} in config/deckhand.yml), in the approval
 * feature's own types.
 *
 * @param actions          commands that always need approval, e.g. {@code ec2 terminate}
 * @param approverRole     least built-in role that may approve
 * @param required         distinct approvers needed
 * @param ttl              how long a request waits before it expires
 * @param channel          where cards go; empty: the asker's channel
 * @param monthlyCostLimit a command estimated to add more than this (USD per month) needs approval
 * @param worldOpenPorts   ports that need approval when opened to 0.0.0.0/0 or ::/0
 */
public record ApprovalSettings(Set<String> actions, Role approverRole, int required, Duration ttl,
                               Optional<String> channel, BigDecimal monthlyCostLimit, Set<Integer> worldOpenPorts) {

    public ApprovalSettings {
        actions = Set.copyOf(actions);
        worldOpenPorts = Set.copyOf(worldOpenPorts);
        if (required < 1) {
            throw new IllegalArgumentException("required must be at least 1");
        }
    }

    /**
     * Commands that always need approval by default: every one that can destroy something. The plan
     * policy holds any deletion anyway; listing them also holds a plan that cannot see its deletion
     * coming (a teardown that finds more than it planned).
     */
    public static final Set<String> DEFAULT_ACTIONS = Set.of("ec2 terminate", "eip release", "elb delete", "dns delete",
            "teardown", "leaks cleanup");

    /** The policy's thresholds from these settings. */
    public PolicySettings policy() {
        return new PolicySettings(actions, monthlyCostLimit, worldOpenPorts, PolicySettings.DEFAULT_IPV4_PREFIX,
                PolicySettings.DEFAULT_IPV6_PREFIX);
    }

    /** The shipped defaults, for a config without an {@code approvals} section. */
    public static ApprovalSettings defaults() {
        return new ApprovalSettings(DEFAULT_ACTIONS,
                Role.ADMIN, 1, Duration.ofMinutes(30), Optional.empty(), BigDecimal.valueOf(100), Set.of(22));
    }

    /** From the checked {@code approvals} section; the shipped defaults when the section is missing. */
    public static ApprovalSettings from(ApprovalsConfig c) {
        if (c == null) {
            return defaults();
        }
        return new ApprovalSettings(c.actions() == null ? Set.of() : Set.copyOf(c.actions()),
                Role.byLabel(c.approverRole()).orElseThrow(), c.required(), Duration.ofMinutes(c.ttlMinutes()),
                Optional.ofNullable(c.channel()).filter(ch -> !ch.isBlank()), BigDecimal.valueOf(c.monthlyCostLimit()),
                c.worldOpenPorts() == null ? Set.of() : Set.copyOf(c.worldOpenPorts()));
    }

    /** The channel cards go to for a request made in {@code askerChannel}. */
    public String cardChannel(String askerChannel) {
        return channel.filter(c -> !c.isBlank()).orElse(askerChannel);
    }
}
